/**
 * Seeds connections for the test-connection specs and reads back what the console stored,
 * through e2e/support/connection-store.ts (the app's own Prisma client and secret box, run by tsx).
 */
import { execFileSync } from "node:child_process";

export type SeedConnection = {
  name?: string;
  grantType: "client_credentials" | "authorization_code" | "authorization_code_pkce";
  clientId: string;
  clientSecret?: string;
  clientAuthMethod?: "client_secret_basic" | "client_secret_post" | "none";
  scopes?: string[];
  resource?: string;
  tokenSharing?: "SHARED" | "PER_USER";
  /** Defaults to the test authorization server, set up from discovery. */
  issuer?: string;
  /** Store the provider's real discovery metadata (for the lint), as the wizard's import does. */
  importDiscovery?: boolean;
};

function store<T>(command: string, argument: unknown): T {
  const output = execFileSync(process.execPath, ["--import", "tsx", "e2e/support/connection-store.ts", command, JSON.stringify(argument)], {
    encoding: "utf8",
  });
  return JSON.parse(output) as T;
}

export async function seedConnection(input: SeedConnection): Promise<{ id: string; name: string }> {
  return store("seed", input);
}

export async function connectionHealth(connectionId: string): Promise<string> {
  return store("health", connectionId);
}

/** Decrypted tokens of every stored token set of a connection. */
export async function storedTokens(connectionId: string): Promise<string[]> {
  return store("tokens", connectionId);
}

/** Decrypted PKCE verifiers of the connection's (consumed) pending authorizations. */
export async function storedVerifiers(connectionId: string): Promise<string[]> {
  return store("verifiers", connectionId);
}

/** Every test run and audit event as text, for the leak search. */
export async function storedTestRecords(): Promise<string> {
  return store("records", null);
}

/** Makes the connection's stored tokens expired (their expiry moves five minutes into the past). */
export async function expireStoredTokens(connectionId: string): Promise<number> {
  return store("expire", connectionId);
}

/** The audit events recorded about a connection, oldest first. */
export async function connectionAuditEvents(connectionId: string): Promise<{ action: string; details: Record<string, unknown> }[]> {
  return store("audit", connectionId);
}
