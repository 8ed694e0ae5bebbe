import Database from "better-sqlite3";

/**
 * Switches an embedded SQLite database to write-ahead logging (persistent in the file), so readers
 * never block the writer: the console, the CLI and export streams can then share the file.
 * No-op for other databases.
 */
export function enableWriteAheadLog(databaseUrl: string): void {
  if (!databaseUrl.startsWith("file:")) return;
  const db = new Database(databaseUrl.slice("file:".length));
  try {
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
}
