/**
 * The /metrics text: this process's counters (lib/metrics/process-metrics.ts) and gauges read from
 * the database at scrape time, so they are the same on every replica: connections by status and
 * health, notification deliveries by status and attempts by outcome, the audit chain's length.
 */
import { Gauge, Registry } from "prom-client";
import { prisma } from "@/lib/db/prisma";
import { processMetrics } from "@/lib/metrics/process-metrics";

function gauge(registry: Registry, name: string, help: string, labelNames: string[] = []) {
  return new Gauge({ name, help, labelNames, registers: [registry] });
}

export async function collectMetrics(): Promise<{ contentType: string; text: string }> {
  const [connections, deliveries, attempts, oldest, newest] = await Promise.all([
    prisma.connection.groupBy({ by: ["status", "health", "enabled"], _count: { _all: true } }),
    prisma.notificationDelivery.groupBy({ by: ["status"], _count: { _all: true } }),
    prisma.notificationAttempt.groupBy({ by: ["outcome"], _count: { _all: true } }),
    // The chain's two ends by key, not count(*): a count reads every event (about a second at 10
    // million), and the kept events are one unbroken run of seqs, since pruning removes a prefix.
    prisma.auditEvent.findFirst({ orderBy: { seq: "asc" }, select: { seq: true } }),
    prisma.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } }),
  ]);
  const scrape = new Registry();
  const byStatus = gauge(scrape, "handshake_connections", "Connections by lifecycle status, health and enabled.", [
    "status",
    "health",
    "enabled",
  ]);
  for (const row of connections)
    byStatus.set({ status: row.status, health: row.health, enabled: String(row.enabled) }, row._count._all);
  const deliveryGauge = gauge(scrape, "handshake_notification_deliveries", "Notification deliveries by status.", [
    "status",
  ]);
  for (const row of deliveries) deliveryGauge.set({ status: row.status }, row._count._all);
  const attemptGauge = gauge(
    scrape,
    "handshake_notification_attempts",
    "Notification delivery attempts by outcome (DELIVERED, FAILED, REFUSED), all replicas.",
    ["outcome"],
  );
  for (const row of attempts) attemptGauge.set({ outcome: row.outcome }, row._count._all);
  gauge(scrape, "handshake_audit_events", "Audit events kept in the chain.").set(
    oldest && newest ? newest.seq - oldest.seq + 1 : 0,
  );
  gauge(scrape, "handshake_audit_chain_head_seq", "Sequence number of the newest audit event.").set(newest?.seq ?? 0);
  const merged = Registry.merge([processMetrics().registry, scrape]);
  return { contentType: merged.contentType, text: await merged.metrics() };
}
