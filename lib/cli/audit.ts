/**
 * npm run audit -- verify            walks the whole chain; exit code 1 when it is broken
 *                  prune [--days N]   deletes events older than N days (default AUDIT_RETENTION_DAYS)
 * Pruning is the only way events leave the trail, and it records itself as an `audit.pruned` event.
 */
import { parseArgs } from "node:util";
import type { AppConfig } from "@/lib/config/env";
import { CLI_ACTOR, loadConfigOrExit, usageFor, type Usage } from "@/lib/cli/cli-support";

const usage: Usage = usageFor([
  "usage: npm run audit -- verify",
  "       npm run audit -- prune [--days N]   (default: AUDIT_RETENTION_DAYS)",
]);

async function verify(config: AppConfig): Promise<number> {
  const { prisma } = await import("@/lib/db/prisma");
  const { verifyAuditChain, describeVerification } = await import("@/lib/audit/verify-audit-chain");
  try {
    let reported = 0;
    const result = await verifyAuditChain({
      key: config.auditKey,
      onProgress: (verified) => {
        if (verified - reported >= 100_000) {
          reported = verified;
          console.error(`… ${verified.toLocaleString("en-US")} events verified`);
        }
      },
    });
    console.log(describeVerification(result));
    if (result.ok && result.count > 0) console.log(`Latest event #${result.headSeq}, hash ${result.headHash}`);
    return result.ok ? 0 : 1;
  } finally {
    await prisma.$disconnect();
  }
}

async function prune(config: AppConfig, daysOption: string | undefined): Promise<number> {
  const days = daysOption === undefined ? config.auditRetentionDays : Number(daysOption);
  if (days === undefined) {
    console.log("No retention period is set (AUDIT_RETENTION_DAYS): events are kept forever. Nothing pruned.");
    return 0;
  }
  if (!Number.isInteger(days) || days < 1) usage("--days must be a whole number of days, at least 1");
  const { prisma } = await import("@/lib/db/prisma");
  const { pruneAuditEvents } = await import("@/lib/audit/prune-audit-events");
  try {
    const outcome = await pruneAuditEvents({ retentionDays: days, actor: CLI_ACTOR });
    console.log(
      outcome.pruned
        ? `Pruned ${outcome.deletedCount} events older than ${days} days in ${outcome.batches} batch(es) (through #${outcome.deletedThroughSeq}); the chain now starts at #${outcome.chainStart.seq}, recorded by event #${outcome.eventSeq}.`
        : `No events older than ${days} days.`,
    );
    return 0;
  } finally {
    await prisma.$disconnect();
  }
}

async function main() {
  const config = loadConfigOrExit(usage);
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { days: { type: "string" } } });
  const [command] = positionals;
  if (command === "verify") process.exit(await verify(config));
  if (command === "prune") process.exit(await prune(config, values.days));
  usage(command ? `unknown command ${command}` : undefined);
}

void main();
