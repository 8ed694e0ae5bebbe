/**
 * The database could not take a write in time (another process held its write lock through every
 * retry, or on PostgreSQL a lock past lock_timeout). Nothing was written: the statement or transaction never started, or was rolled back.
 * Server actions show BUSY_MESSAGE instead of a server error.
 */
export class DatabaseBusyError extends Error {
  override name = "DatabaseBusyError";
  constructor(detail: string) {
    super(`The database is busy (${detail}); nothing was changed.`);
  }
}

export const BUSY_MESSAGE = "The database is busy; nothing was changed, try again.";

// Prisma's own codes for the same condition: P2028 "Unable to start a transaction in the given
// time" (its maxWait ran out while earlier transactions of this process held the database) and
// P1008 "Operation has timed out" (a driver busy error that reached Prisma unwrapped).
const PRISMA_BUSY_CODES = new Set(["P2028", "P1008"]);

// PostgreSQL's: 55P03 lock_not_available (lock_timeout ran out, lib/db/postgres-session.ts) and
// 57014 query_canceled (statement_timeout). The adapter keeps the code as originalCode.
const POSTGRES_BUSY_CODES = new Set(["55P03", "57014"]);
const POSTGRES_BUSY_MESSAGE = /canceling statement due to (lock|statement) timeout/;

/** True for a busy database, however Prisma wrapped it on the way up. */
export function isDatabaseBusyError(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    if (current instanceof DatabaseBusyError || (current as { name?: unknown }).name === "DatabaseBusyError")
      return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && PRISMA_BUSY_CODES.has(code)) {
      const message = String((current as { message?: unknown }).message ?? "");
      if (code === "P1008" || message.includes("Unable to start a transaction")) return true;
    }
    const originalCode = (current as { originalCode?: unknown }).originalCode;
    if (typeof originalCode === "string" && POSTGRES_BUSY_CODES.has(originalCode)) return true;
    const text = String((current as { message?: unknown }).message ?? "");
    if (text.includes("The database is busy") || POSTGRES_BUSY_MESSAGE.test(text)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
