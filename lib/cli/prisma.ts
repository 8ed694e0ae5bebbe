/**
 * Runs the Prisma CLI in its JavaScript-engine mode (no native binaries are downloaded).
 * The two engine variables must point at an existing executable; Prisma never runs it in this mode.
 * Usage: tsx lib/cli/prisma.ts <prisma args…>. `generate` without --schema generates both clients:
 * SQLite from prisma/schema.prisma and PostgreSQL from the schema generated from it.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { resolveDatabaseUrl } from "@/lib/config/database-url";
import { POSTGRES_SCHEMA, SOURCE_SCHEMA, writePostgresSchema } from "@/lib/db/postgres-schema";

export function prismaEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...env,
    DATABASE_URL: resolveDatabaseUrl(env),
    PRISMA_SCHEMA_ENGINE_BINARY: env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_QUERY_ENGINE_LIBRARY: env.PRISMA_QUERY_ENGINE_LIBRARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  };
}

function generateBothClients(args: string[]): number {
  writePostgresSchema();
  for (const schema of [SOURCE_SCHEMA, POSTGRES_SCHEMA]) {
    const status = runPrisma([...args, "--schema", schema]);
    if (status !== 0) return status;
  }
  return 0;
}

export function runPrisma(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  if (args[0] === "generate" && !args.includes("--schema")) return generateBothClients(args);
  const bin = path.join(process.cwd(), "node_modules", "prisma", "build", "index.js");
  const result = spawnSync(process.execPath, [bin, ...args], { stdio: "inherit", env: prismaEnv(env) });
  return result.status ?? 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  process.exit(runPrisma(process.argv.slice(2)));
}
