/**
 * The concurrent writer of lib/bench/prune-under-writes.ts, in a process of its own as another
 * console (or replica) would be: appends an audit event every 20 ms through the app's own path and
 * times each append from when it was due. Prints "ready" after its first append, and when a line
 * arrives on stdin, the waits in milliseconds as one JSON line; then exits.
 */
import { performance } from "node:perf_hooks";

async function main() {
  const { prisma } = await import("@/lib/db/prisma");
  const { recordAuditEvent, SYSTEM_ACTOR } = await import("@/lib/audit/record-audit-event");
  const append = () =>
    prisma.$transaction((tx) =>
      recordAuditEvent(tx, {
        actor: SYSTEM_ACTOR,
        action: "keys.rotated",
        details: { activeKeyId: "k", reencrypted: 0 },
      }),
    );
  // The first query starts Prisma's engine: not a wait the pruning causes.
  await append();
  let writing = true;
  process.stdin.once("data", () => (writing = false));
  console.log("ready");
  const waits: number[] = [];
  let due = performance.now();
  while (writing) {
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    await append();
    waits.push(performance.now() - due);
    due = performance.now() + 20;
  }
  console.log(JSON.stringify(waits));
  await prisma.$disconnect();
  process.exit(0);
}

void main();
