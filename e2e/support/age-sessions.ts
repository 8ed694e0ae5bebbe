/**
 * Moves a spawned console's open sessions back in time, as if their users had been away: the
 * clock moved in the database (SQLite), not a wait of the idle timeout's minutes.
 */
import path from "node:path";
import Database from "better-sqlite3";

export function ageOpenSessions(dataDir: string, minutes: number): number {
  const db = new Database(path.join(dataDir, "handshake.db"));
  try {
    // Prisma's SQLite adapter stores DateTime as ISO text with an explicit offset.
    const lastSeen = new Date(Date.now() - minutes * 60_000).toISOString().replace("Z", "+00:00");
    return db.prepare(`UPDATE "UserSession" SET "lastSeenAt" = ? WHERE "revokedAt" IS NULL`).run(lastSeen).changes;
  } finally {
    db.close();
  }
}
