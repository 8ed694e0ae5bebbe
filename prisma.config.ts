import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseKindOf, resolveDatabaseUrl } from "./lib/config/database-url";

// JavaScript engines only: migrations run through the WebAssembly schema engine and the driver adapter.
// The DATABASE_URL scheme picks the schema, its migrations folder and the adapter.
const url = resolveDatabaseUrl(process.env);
const postgres = databaseKindOf(url) === "postgresql";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? path.join("prisma", "postgres", "schema.prisma") : path.join("prisma", "schema.prisma"),
  migrations: { path: postgres ? path.join("prisma", "postgres", "migrations") : path.join("prisma", "migrations") },
  adapter: async () => (postgres ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url })),
});
