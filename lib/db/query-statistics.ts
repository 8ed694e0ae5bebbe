/**
 * Keeps the query planner's statistics current. PostgreSQL's autovacuum analyses tables by itself.
 * SQLite keeps none until asked, and without them it cannot tell a rare value from a common one:
 * at 10 million audit events the Audit page's "one actor + a rare action" read the actor's 200,000
 * events instead of the action's 5,000 (203 ms instead of 2, npm run bench:audit). A user has an
 * index for that pair now; an API key (filtered by the name recorded) still needs the statistics.
 * `PRAGMA optimize` is SQLite's recommended upkeep (https://sqlite.org/lang_analyze.html#pragopt):
 * it analyses only the tables that changed much, with a row limit, so it stays well under a second.
 */
import { currentDatabaseKind } from "@/lib/config/database-url";
import type { Db } from "@/lib/db/prisma";

/** 0x10000: every table, not only those this connection queried; 0x02: analyse where useful. */
const SQLITE_OPTIMIZE = "PRAGMA optimize=0x10002";

export async function refreshQueryStatistics(db: Db): Promise<void> {
  if (currentDatabaseKind() === "sqlite") await db.$queryRawUnsafe(SQLITE_OPTIMIZE);
}
