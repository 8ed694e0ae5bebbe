/**
 * A console started on freshly seeded connections first places their scheduled checks (lib/connection-tests/scheduled-checks.ts):
 * a one-time job of a few seconds of database work at 100,000 connections. The benchmarks measure the
 * steady state after it, as they measure after PostgreSQL's autovacuum, so they wait for it (and
 * the vacuum it calls for) and print how long it took.
 */
import { performance } from "node:perf_hooks";

export async function waitForCheckPlacement(timeoutMs = 300_000): Promise<void> {
  const { prisma } = await import("@/lib/db/prisma");
  const started = performance.now();
  const { countUnplacedChecks } = await import("@/lib/connection-tests/scheduled-checks");
  const unplaced = () => countUnplacedChecks(prisma);
  const initially = await unplaced();
  let left = initially;
  while (left > 0) {
    if (performance.now() - started > timeoutMs)
      throw new Error(`the console placed no scheduled check for ${left} connections in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    left = await unplaced();
  }
  const placedInMs = Math.round(performance.now() - started);
  // Placing updated most rows: on PostgreSQL the table now holds as many dead row versions, which
  // every count reads until autovacuum has run. Measured after it, as after the bulk load.
  const { currentDatabaseKind } = await import("@/lib/config/database-url");
  if (initially > 0 && currentDatabaseKind() === "postgresql")
    await prisma.$executeRawUnsafe('VACUUM ANALYZE "Connection"');
  await prisma.$disconnect();
  console.log(
    `[bench] the console placed the scheduled checks of ${initially} connections in ${placedInMs} ms (start-up work, not measured)`,
  );
}
