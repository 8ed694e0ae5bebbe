/**
 * Creates the migration for a schema change for BOTH databases at once (npm run db:migration -- <name>):
 * diffs the last committed prisma/schema.prisma against the edited one with Prisma's
 * `migrate diff`, once per provider, into prisma/migrations/<ts>_<name> and
 * prisma/postgres/migrations/<ts>_<name>. The PostgreSQL diff needs a server (the CLI's adapter
 * connects): DATABASE_URL's when it names one, otherwise a throw-away cluster.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prismaEnv } from "@/lib/cli/prisma";
import { databaseKindOf } from "@/lib/config/database-url";
import {
  POSTGRES_MIGRATIONS,
  POSTGRES_SCHEMA,
  SOURCE_SCHEMA,
  SQLITE_MIGRATIONS,
  toPostgresSchema,
  writePostgresSchema,
} from "@/lib/db/postgres-schema";
import { withPostgresCluster } from "@/lib/testing/postgres-cluster";

function diff(from: string, to: string, databaseUrl: string): string {
  const bin = path.join(process.cwd(), "node_modules", "prisma", "build", "index.js");
  const result = spawnSync(
    process.execPath,
    [bin, "migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", to, "--script"],
    {
      env: { ...prismaEnv(), DATABASE_URL: databaseUrl },
      encoding: "utf8",
    },
  );
  if (result.status !== 0) throw new Error(`prisma migrate diff failed:\n${result.stderr}`);
  return result.stdout;
}

/**
 * Columns the database computes (GENERATED ALWAYS … STORED), which Prisma's schema cannot declare.
 * A SQLite diff that redefines their table writes them as plain columns and copies their values once.
 */
const GENERATED_COLUMNS = [
  { table: "Connection", column: "credentialExpiresAt", declaredIn: "20261206184204_inventory_order_columns" },
];

function warnOfGeneratedColumns(sqliteSql: string): void {
  for (const { table, column, declaredIn } of GENERATED_COLUMNS) {
    if (!sqliteSql.includes(`CREATE TABLE "new_${table}"`)) continue;
    console.warn(
      `[migration] the SQLite migration redefines "${table}": declare "${column}" generated again as ${declaredIn} ` +
        `does, and leave it out of the INSERT … SELECT (lib/inventory/list-inventory.test.ts fails otherwise)`,
    );
  }
}

function timestamp(now = new Date()): string {
  return now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: npm run db:migration -- <name in lower_snake_case>");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "hs-migration-"));
  try {
    const committed = execFileSync("git", ["show", `HEAD:${SOURCE_SCHEMA}`], { encoding: "utf8" });
    const oldSqlite = path.join(work, "old-sqlite.prisma");
    const oldPostgres = path.join(work, "old-postgres.prisma");
    fs.writeFileSync(oldSqlite, committed);
    fs.writeFileSync(oldPostgres, toPostgresSchema(committed));
    writePostgresSchema();

    const sqliteSql = diff(oldSqlite, SOURCE_SCHEMA, `file:${path.join(work, "diff.db")}`);
    const configured = process.env.DATABASE_URL?.trim() ?? "";
    const postgresSql =
      databaseKindOf(configured) === "postgresql"
        ? diff(oldPostgres, POSTGRES_SCHEMA, configured)
        : await withPostgresCluster(async (cluster) => diff(oldPostgres, POSTGRES_SCHEMA, cluster.adminUrl));
    if (/empty migration/i.test(sqliteSql) && /empty migration/i.test(postgresSql)) {
      throw new Error(`${SOURCE_SCHEMA} has no changes since the last commit: nothing to migrate`);
    }
    warnOfGeneratedColumns(sqliteSql);
    const folder = `${timestamp()}_${name}`;
    for (const [dir, sql] of [
      [SQLITE_MIGRATIONS, sqliteSql],
      [POSTGRES_MIGRATIONS, postgresSql],
    ] as const) {
      fs.mkdirSync(path.join(dir, folder), { recursive: true });
      fs.writeFileSync(path.join(dir, folder, "migration.sql"), sql);
      console.info(`[migration] wrote ${path.join(dir, folder, "migration.sql")}`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`[migration] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
