/**
 * The PostgreSQL schema is generated from the one source schema (prisma/schema.prisma, SQLite):
 * only the datasource provider and the client's output folder differ. A client generated for
 * `sqlite` refuses the pg driver adapter, hence a second schema and a second generated client.
 */
import fs from "node:fs";
import path from "node:path";

export const SOURCE_SCHEMA = path.join("prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join("prisma", "postgres", "schema.prisma");
export const SQLITE_MIGRATIONS = path.join("prisma", "migrations");
export const POSTGRES_MIGRATIONS = path.join("prisma", "postgres", "migrations");

const HEADER = "// GENERATED from prisma/schema.prisma by `npm run db:generate`: edit that file, not this one.\n";

export function toPostgresSchema(source: string): string {
  const withProvider = source.replace(/(datasource db \{[^}]*provider\s*=\s*)"sqlite"/, '$1"postgresql"');
  const withOutput = withProvider.replace(
    /output(\s*)=(\s*)"\.\.\/lib\/db\/generated"/,
    'output$1=$2"../../lib/db/generated-postgres"',
  );
  if (withProvider === source || withOutput === withProvider) {
    throw new Error(`${SOURCE_SCHEMA}: expected provider "sqlite" and output "../lib/db/generated"`);
  }
  return HEADER + withOutput;
}

/** Writes prisma/postgres/schema.prisma from the source schema; returns whether it changed. */
export function writePostgresSchema(root = process.cwd()): boolean {
  const target = path.join(root, POSTGRES_SCHEMA);
  const next = toPostgresSchema(fs.readFileSync(path.join(root, SOURCE_SCHEMA), "utf8"));
  const previous = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : null;
  if (previous === next) return false;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, next);
  return true;
}
