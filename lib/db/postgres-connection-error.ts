/**
 * One line for an operator when the PostgreSQL named by DATABASE_URL cannot be used: what failed,
 * never the password and never a stack trace.
 */
import { parse } from "pg-connection-string";

type PgError = Error & { code?: string };

/** Null when the URL can be used; otherwise what is wrong with it. */
export function checkPostgresUrl(url: string): string | null {
  try {
    new URL(url);
  } catch {
    return "DATABASE_URL is not a valid URL (expected postgresql://user:password@host:5432/database)";
  }
  const parsed = parse(url);
  if (!parsed.host) return "DATABASE_URL names no host (expected postgresql://user:password@host:5432/database)";
  if (!parsed.database)
    return "DATABASE_URL names no database (expected postgresql://user:password@host:5432/database)";
  return null;
}

export function describePostgresConnectionError(url: string, error: unknown): string {
  const parsed = parse(url);
  const where = `${parsed.host}${parsed.port ? `:${parsed.port}` : ""}`;
  const who = parsed.user ? `user "${parsed.user}"` : "the default user";
  const code = (error as PgError)?.code;
  switch (code) {
    case "ECONNREFUSED":
      return `DATABASE_URL: cannot reach PostgreSQL at ${where} (connection refused)`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `DATABASE_URL: cannot reach PostgreSQL at ${where} (unknown host)`;
    case "ETIMEDOUT":
      return `DATABASE_URL: cannot reach PostgreSQL at ${where} (timed out)`;
    case "28P01":
      return `DATABASE_URL: PostgreSQL at ${where} refused the password for ${who}`;
    case "28000":
      return `DATABASE_URL: PostgreSQL at ${where} refused ${who} (${(error as PgError).message})`;
    case "3D000":
      return `DATABASE_URL: database "${parsed.database}" does not exist on PostgreSQL at ${where}`;
    default:
      if (error instanceof Error && /timeout/i.test(error.message))
        return `DATABASE_URL: cannot reach PostgreSQL at ${where} (timed out)`;
      return `DATABASE_URL: cannot use PostgreSQL at ${where} (${error instanceof Error ? error.message : String(error)})`;
  }
}
