/**
 * A suite's real, migrated database (test-database.ts), opened before its tests and dropped after
 * them, with the modules under test imported only once it exists: they read the configuration
 * createTestDatabase sets. Each loader's module is on the returned object, under its key, from the
 * suite's first beforeAll on.
 */
import { afterAll, beforeAll } from "vitest";
import type { PrismaClient } from "@/lib/db/generated/client";
import { createTestDatabase } from "@/lib/testing/test-database";

type Loaders = Record<string, () => Promise<unknown>>;

export type SuiteDatabase<M extends Loaders> = { db: PrismaClient } & {
  [K in keyof M]: Awaited<ReturnType<M[K]>>;
};

export function openSuiteDatabase<M extends Loaders>(loaders: M): SuiteDatabase<M> {
  const suite = {} as SuiteDatabase<M>;
  const opened: Record<string, unknown> = suite;
  let cleanup = () => {};
  beforeAll(async () => {
    cleanup = createTestDatabase().cleanup;
    suite.db = (await import("@/lib/db/prisma")).prisma;
    for (const [name, load] of Object.entries(loaders)) opened[name] = await load();
  });
  afterAll(async () => {
    await suite.db?.$disconnect();
    cleanup();
  });
  return suite;
}
