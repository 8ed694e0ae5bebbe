/**
 * One replica for the two-replica test (lib/connection-tests/two-replicas.postgres-test.ts): a
 * process of its own, with its own Prisma client and module state, on the database and data
 * directory its environment names. Says "ready" once loaded, waits for "go" on stdin so both
 * replicas start together, runs every due scheduled check at the time given as its argument and
 * prints how many; on the next "go" it sends due notifications until none is left and prints how
 * many. (Both replicas' events exist before either sends, so the test knows which to expect.)
 * Usage: node --import tsx lib/testing/scheduler-replica.ts <ISO time>
 */
import readline from "node:readline";

async function main(): Promise<void> {
  const now = new Date(process.argv[2]!);
  const { prisma } = await import("@/lib/db/prisma");
  const { runDueChecks } = await import("@/lib/connection-tests/scheduled-checks");
  const { startNotificationDispatcher } = await import("@/lib/notifications/notification-dispatcher");
  await prisma.$connect();
  process.stdout.write("ready\n");
  const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  await lines.next();
  const checks = await runDueChecks(prisma, { now });
  process.stdout.write(`${JSON.stringify({ checks })}\n`);
  await lines.next();
  const dispatcher = startNotificationDispatcher(prisma, { intervalMs: 60_000, timer: false });
  let sent = 0;
  try {
    for (let batch = await dispatcher.runOnce(); batch > 0; batch = await dispatcher.runOnce()) sent += batch;
  } finally {
    await dispatcher.stop();
  }
  process.stdout.write(`${JSON.stringify({ sent })}\n`);
  await prisma.$disconnect();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
