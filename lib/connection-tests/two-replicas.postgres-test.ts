/**
 * PostgreSQL only (npm run test:unit:postgres): two replicas, each a process of its own with its
 * own Prisma client (lib/testing/scheduler-replica.ts), run the scheduled checks at the same moment
 * over the same due connections against the real test authorization server, then both send
 * notifications. Each check runs exactly once (one test run per client-credentials connection, one
 * refresh per due token set), and each event reaches the webhook receiver exactly once, its
 * signature verified with the standardwebhooks library.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import readline from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TokenApiFixture } from "@/lib/testing/token-api-fixture";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/testing/webhook-receiver";

let f: TokenApiFixture;
let receiver: WebhookReceiver;
const WRONG_SECRET = "rotated-away-at-the-provider-2b9d";

beforeAll(async () => {
  const { startTokenApiFixture, FIXTURE_ADMIN } = await import("@/lib/testing/token-api-fixture");
  f = await startTokenApiFixture();
  receiver = await startWebhookReceiver();
  const { createChannel } = await import("@/lib/notifications/manage-channels");
  const { defaultChannelValues } = await import("@/lib/schemas/notification-channel");
  const hook = await createChannel(FIXTURE_ADMIN, { ...defaultChannelValues(), name: "ops", webhookUrl: receiver.url });
  receiver.setSecret(hook.signingSecret!);
}, 120_000);

afterAll(async () => {
  await receiver?.close();
  await f?.close();
});

type Replica = { child: ChildProcessWithoutNullStreams; next: () => Promise<string> };

function startReplica(now: Date): Replica {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/testing/scheduler-replica.ts", now.toISOString()], {
    env: process.env,
  });
  child.stderr.on("data", (chunk: Buffer) => process.stderr.write(chunk));
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    child,
    next: async () => {
      const line = await lines.next();
      if (line.done) throw new Error("The replica ended early");
      return line.value;
    },
  };
}

/** Both replicas go at once; returns each one's JSON answer. */
async function both<T>(replicas: Replica[]): Promise<T[]> {
  for (const r of replicas) r.child.stdin.write("go\n");
  return Promise.all(replicas.map(async (r) => JSON.parse(await r.next()) as T));
}

async function dueNow(connectionId: string, now: Date, extra: Record<string, unknown> = {}) {
  await f.db.connection.update({
    where: { id: connectionId },
    data: {
      checkSchedule: "hourly",
      nextCheckAt: new Date(now.getTime() - 60_000),
      health: "HEALTHY",
      lastTestedAt: new Date(now.getTime() - 3_600_000),
      ...extra,
    },
  });
}

describe("two replicas on PostgreSQL", () => {
  it("run each due scheduled check once and deliver each notification once", async () => {
    const { encryptSecret } = await import("@/lib/crypto/secret-box");
    const now = new Date();
    const working = [];
    for (let i = 0; i < 3; i += 1) working.push(await f.createConnection({ grantType: "client_credentials" }));
    const refused = [];
    for (let i = 0; i < 2; i += 1) refused.push(await f.createConnection({ grantType: "client_credentials" }));
    const codeFlows = [];
    for (let i = 0; i < 3; i += 1) codeFlows.push(await f.createConnection());
    const sets = [];
    for (const c of codeFlows)
      sets.push(
        await f.authorize(c.id, {
          obtainedAt: new Date(now.getTime() - 3_600_000),
          expiresAt: new Date(now.getTime() + 60_000),
        }),
      );
    const unreachable = await f.createConnection();
    for (const c of [...working, ...codeFlows]) await dueNow(c.id, now);
    for (const c of refused)
      await dueNow(c.id, now, {
        clientSecretEncrypted: encryptSecret(WRONG_SECRET, { recordId: c.id, field: "clientSecret" }),
      });
    await dueNow(unreachable.id, now, { issuer: `${f.provider.issuer}/missing` });
    const ccIds = [...working, ...refused].map((c) => c.id);
    const failingIds = [...refused, unreachable].map((c) => c.id);

    const replicas = [startReplica(now), startReplica(now)];
    try {
      await Promise.all(replicas.map(async (r) => expect(await r.next()).toBe("ready")));
      const checked = await both<{ checks: number }>(replicas);
      // Together they ran every due check once, whichever replica claimed it.
      expect(checked[0]!.checks + checked[1]!.checks).toBe(9);
      const sent = await both<{ sent: number }>(replicas);
      expect(sent[0]!.sent + sent[1]!.sent).toBe(3);
    } finally {
      for (const r of replicas) r.child.kill();
    }

    const runs = await f.db.testRun.findMany({ where: { connectionId: { in: ccIds } } });
    expect(runs.map((r) => r.connectionId).sort()).toEqual([...ccIds].sort());
    expect(runs.every((r) => r.trigger === "scheduled")).toBe(true);
    expect(await f.db.testRun.count({ where: { connectionId: { in: codeFlows.map((c) => c.id) } } })).toBe(0);
    for (const set of sets) expect((await f.storedSecrets(set.tokenSetId)).set.refreshCount).toBe(1);
    const refreshes = await f.db.auditEvent.findMany({
      where: { action: "token.refreshed", connectionId: { in: codeFlows.map((c) => c.id) } },
    });
    expect(refreshes).toHaveLength(3);

    const events = await f.db.notificationEvent.findMany({ where: { type: "connection.failing" } });
    expect(events.map((e) => e.connectionId).sort()).toEqual([...failingIds].sort());
    expect(await f.db.notificationDelivery.count({ where: { status: "DELIVERED" } })).toBe(3);
    expect(receiver.received).toHaveLength(3);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(3);
    expect(receiver.received.map((r) => r.body.data.connectionId).sort()).toEqual([...failingIds].sort());
    for (const id of [...ccIds, ...codeFlows.map((c) => c.id), unreachable.id]) {
      const row = await f.db.connection.findUniqueOrThrow({ where: { id } });
      expect(row.lastCheckAt).toEqual(now);
      expect(row.nextCheckAt!.getTime()).toBeGreaterThan(now.getTime());
    }
  }, 180_000);
});
