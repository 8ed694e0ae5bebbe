/**
 * A flapping connection on a real database, with the clock injected: three changes within the hour
 * are sent one by one, the fourth sends one "flapping" summary with the count, further changes send
 * nothing until the connection has been stable for an hour, and the change after that is sent as
 * usual (a recovery too, since the summary left the incident open).
 */
import { describe, expect, it } from "vitest";
import { openSuiteDatabase } from "@/lib/testing/suite-database";

process.env.OUTBOUND_ALLOW_HTTP = "true";
process.env.OUTBOUND_ALLOW_CIDRS = "127.0.0.0/8";
const t = openSuiteDatabase({
  seed: () => import("@/lib/testing/seed-connection-row"),
  health: () => import("@/lib/notifications/health-notifications"),
  channels: () => import("@/lib/notifications/manage-channels"),
  channelSchema: () => import("@/lib/schemas/notification-channel"),
});

const MINUTE = 60_000;
const start = new Date("2026-12-05T10:00:00Z");
const at = (minutes: number) => new Date(start.getTime() + minutes * MINUTE);
const diagnosis = { title: "Client authentication failed", fix: "Check the secret.", code: "invalid_client" };

describe("flapping", () => {
  it("summarises more than three changes within an hour in one notification until the connection is stable", async () => {
    const user = await t.db.user.create({ data: { email: "flap@unit.test", passwordHash: "x", role: "ADMIN" } });
    const actor = { id: user.id, email: user.email, role: "ADMIN", ip: "127.0.0.1", userAgent: "vitest" } as const;
    await t.channels.createChannel(actor, {
      ...t.channelSchema.defaultChannelValues(),
      name: "hook",
      webhookUrl: "http://127.0.0.1:9/hook",
    });
    const connection = await t.seed.seedConnectionRow(t.db, { name: "flappy" }, { row: { health: "HEALTHY" } });
    const change = (health: "HEALTHY" | "FAILING", minutes: number) =>
      t.health.notifyHealthChange(
        t.db,
        connection,
        health,
        { diagnosis: health === "FAILING" ? diagnosis : null, testRunId: null },
        at(minutes),
      );
    /** The events a channel was sent, in order. */
    const delivered = async () =>
      (
        await t.db.notificationDelivery.findMany({
          where: { event: { connectionId: connection.id } },
          include: { event: true },
          orderBy: { createdAt: "asc" },
        })
      ).map((d) => d.event.type);

    await change("FAILING", 0);
    await change("HEALTHY", 10);
    await change("FAILING", 20);
    expect(await delivered()).toEqual(["connection.failing", "connection.recovered", "connection.failing"]);

    // The fourth change within the hour: one summary instead.
    await change("HEALTHY", 30);
    expect((await delivered()).slice(3)).toEqual(["connection.flapping"]);
    const summary = await t.db.notificationEvent.findFirstOrThrow({
      where: { connectionId: connection.id, type: "connection.flapping" },
    });
    expect(JSON.parse(summary.payload).summary).toContain(
      "changed between Failing and Healthy 4 times within 60 minutes",
    );

    // Still changing, each less than an hour after the last: nothing more is sent, for hours.
    for (let minutes = 40; minutes <= 200; minutes += 20) await change(minutes % 40 ? "HEALTHY" : "FAILING", minutes);
    expect(await delivered()).toHaveLength(4);
    expect(await t.db.connection.findUniqueOrThrow({ where: { id: connection.id } })).toMatchObject({
      health: "FAILING",
    });

    // Stable for more than an hour: the next change is sent as usual, a recovery included.
    await change("HEALTHY", 200 + 61);
    expect((await delivered()).slice(4)).toEqual(["connection.recovered"]);
  });
});
