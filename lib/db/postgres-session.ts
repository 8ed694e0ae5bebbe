/**
 * What every PostgreSQL connection of the console sets, and the advisory lock keys it uses.
 *
 * Any role that can connect to the database can take any advisory lock and hold any row lock, and
 * without a timeout a statement waits for it forever: one idle transaction could stall every
 * audited write and every start-up. So each session gets `lock_timeout` (a lock wait fails with
 * 55P03, which the console reports as "database busy, try again") and `statement_timeout` (a
 * backstop for everything else), and the console's own lock keys are derived from the database
 * and schema, so two consoles sharing one database in different schemas, or another application
 * using the same fixed numbers, never wait for each other.
 *
 * `jit=off`: PostgreSQL compiles a plan to machine code when its estimated cost is high, and a
 * prepared statement's generic plan estimates high without knowing its values. Verify's batch
 * read (lib/audit/read-audit-events.ts) was compiled on every run: 26.7 ms a batch of 5,000 events
 * with JIT, 16.3 without (in parts of 25 events, 180 ms against 17). The console's statements are
 * short; compiling one costs more than it saves.
 */
import { parseIntoClientConfig } from "pg-connection-string";
import type { ClientConfig } from "pg";
import type { SqlStatement } from "@/lib/db/sql-statement";
import type { PostgresTimeouts } from "@/lib/config/env";

/**
 * Connection settings for `url` with the timeouts as startup options. The URL is parsed here (as
 * pg itself would) so that an `options` parameter in it is kept and extended, not lost.
 */
export function postgresSessionConfig(url: string, timeouts: PostgresTimeouts): ClientConfig {
  const parsed = parseIntoClientConfig(url);
  const settings = `-c lock_timeout=${timeouts.lockTimeoutMs} -c statement_timeout=${timeouts.statementTimeoutMs} -c jit=off`;
  return { ...parsed, options: [parsed.options, settings].filter(Boolean).join(" ") };
}

/** audit-chain: appends take turns; audit-prune: retention batches take turns without holding up appends. */
export type AdvisoryLockPurpose = "audit-chain" | "audit-prune";

/**
 * A 64-bit key computed by the server from the purpose, current_database() and current_schema().
 * Computed in the statement itself: no extra round trip, and every replica gets the same key from
 * the one server.
 */
function keyExpression(before: string, purpose: AdvisoryLockPurpose, after: string): SqlStatement {
  return {
    strings: [
      `${before}hashtextextended(`,
      `::text || '/' || current_database() || '/' || coalesce(current_schema(), ''), 0)${after}`,
    ],
    values: [`handshake:${purpose}`],
  };
}

/** The key `purpose` locks in this database and schema, as a column named "key". */
export function advisoryLockKeyStatement(purpose: AdvisoryLockPurpose): SqlStatement {
  return keyExpression("SELECT ", purpose, ` AS "key"`);
}

/**
 * Takes `purpose`'s transaction-level lock. It waits in line (fair to every replica, unlike a
 * try-lock loop) but never longer than the session's lock_timeout: a holder that does not let go
 * makes this statement fail with 55P03 instead of hanging the request.
 */
export function transactionLockStatement(purpose: AdvisoryLockPurpose): SqlStatement {
  return keyExpression("SELECT pg_advisory_xact_lock(", purpose, ")");
}
