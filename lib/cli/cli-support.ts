/**
 * What the `npm run user|audit|keys|connections` commands share: the actor their audit events name,
 * how a wrong invocation is answered, loading the configuration, and running against the database.
 */
import { ConfigError, loadConfig, type AppConfig } from "@/lib/config/env";
import type { AuditActor } from "@/lib/audit/record-audit-event";

export const CLI_ACTOR: AuditActor = { id: null, email: "cli", role: "SYSTEM", ip: null, userAgent: "handshake-cli" };

export type Usage = (message?: string) => never;

/** Prints what was wrong and the usage lines, then exits with 2 (a wrong invocation, not a failure). */
export function usageFor(lines: readonly string[]): Usage {
  return (message) => {
    if (message) console.error(message);
    for (const line of lines) console.error(line);
    process.exit(2);
  };
}

/** The configuration; a configuration error is answered like a wrong invocation. */
export function loadConfigOrExit(usage: Usage): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) usage(error.message);
    throw error;
  }
}

/**
 * Runs a command against the database, whose connection is closed after it: an error of the kind
 * the command expects (`Refusal`) is answered with its message and exit status 1, any other is thrown.
 */
export async function runAgainstDatabase(
  Refusal: abstract new (...args: never[]) => Error,
  command: () => Promise<void>,
): Promise<void> {
  const { prisma } = await import("@/lib/db/prisma");
  try {
    await command();
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  } finally {
    await prisma.$disconnect();
  }
}
