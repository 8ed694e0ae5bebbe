/**
 * The audit benchmark's data (lib/bench/bench-audit.ts): users, connections with token sets and a
 * year of chained audit events (real HMAC chain), deterministic so every run seeds the same rows.
 * Written in bulk straight to the database, outside the app (lib/bench/bulk-writer.ts).
 */
import { computeEventHash, GENESIS_HASH } from "@/lib/audit/chain";
import { hashPassword } from "@/lib/auth/password";
import { databaseKindOf } from "@/lib/config/database-url";
import { postgresWriter, sqliteWriter, type Value } from "@/lib/bench/bulk-writer";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Deterministic PRNG (mulberry32) so every run seeds the same data. */
function createRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = createRandom(42);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const ACTION_WEIGHTS: [string, number][] = [
  ["connection.tested", 30],
  ["auth.sign_in", 18],
  ["connection.updated", 14],
  ["token.refreshed", 12],
  ["auth.sign_out", 10],
  ["auth.sign_in_failed", 5],
  ["connection.created", 2],
  ["connection.disabled", 1],
  ["connection.enabled", 1],
  ["connection.authorized", 3],
  ["connection.secret_rotated", 1],
  ["connection.duplicated", 1],
  ["user.role_changed", 0.5],
  ["audit.exported", 0.5],
  ["keys.rotated", 0.05],
];
const ACTION_TOTAL = ACTION_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
function pickAction(): string {
  let r = random() * ACTION_TOTAL;
  for (const [action, weight] of ACTION_WEIGHTS) {
    r -= weight;
    if (r < 0) return action;
  }
  return ACTION_WEIGHTS[0]![0];
}

/**
 * Who refreshes tokens: the bots' API keys through the token API, or the background refresher
 * (lib/tokens/save-refresh-outcome.ts). None is a user, so the Audit page filters them by the name
 * recorded. One key was retired in the year's first month, after about one refresh in 10,000.
 */
const API_KEY_ACTORS = Array.from({ length: 20 }, (_, i) => `API key bot-${i} (hs_${String(i).padStart(4, "0")}…)`);
export const RETIRED_KEY_ACTOR = "API key retired-bot (hs_9999…)";
function refresherOf(seq: number, events: number): { email: string; role: string } {
  if (seq < events / 12 && random() < 0.0012) return { email: RETIRED_KEY_ACTOR, role: "API_KEY" };
  return random() < 0.5 ? { email: "system", role: "SYSTEM" } : { email: pick(API_KEY_ACTORS), role: "API_KEY" };
}

export type Seeded = {
  adminEmail: string;
  adminPassword: string;
  userEmails: string[];
  /** An API key that refreshes tokens all year. */
  botActor: string;
  connectionIds: string[];
  firstDay: Date;
  lastDay: Date;
};

export async function seedAuditBench(
  databaseUrl: string,
  auditKey: Buffer,
  counts: { events: number; connections: number },
): Promise<Seeded> {
  const { events: EVENTS, connections: CONNECTIONS } = counts;
  const writer =
    databaseKindOf(databaseUrl) === "postgresql"
      ? await postgresWriter(databaseUrl)
      : sqliteWriter(databaseUrl.replace(/^file:/, ""));
  const adminPassword = `bench-${Math.random().toString(36).slice(2)}-password`;
  const adminHash = await hashPassword(adminPassword);
  const now = Date.now();
  const users = Array.from({ length: 50 }, (_, i) => ({
    id: `bench-user-${i}`,
    email: i === 0 ? "bench-admin@handshake.test" : `user${i}@handshake.test`,
  }));
  const connectionIds = Array.from({ length: CONNECTIONS }, (_, i) => `bench-conn-${String(i).padStart(6, "0")}`);

  const started = Date.now();
  const firstDay = new Date(now - 365 * DAY_MS);
  await writer.insert(
    "User",
    ["id", "email", "passwordHash", "role", "createdAt", "updatedAt"],
    users.map((u) => [u.id, u.email, adminHash, "ADMIN", firstDay, firstDay]),
  );

  const ts = (daysAgo: number) => new Date(now - daysAgo * DAY_MS);
  const connections: Value[][] = [];
  const tokenSets: Value[][] = [];
  connectionIds.forEach((id, i) => {
    const health = pick(["HEALTHY", "HEALTHY", "HEALTHY", "HEALTHY", "FAILING", "NOT_TESTED"]);
    connections.push([
      id,
      `Bench connection ${String(i).padStart(6, "0")}`,
      pick(["custom", "salesforce", "entra", "google", "okta", "servicenow"]),
      "ACTIVE",
      random() < 0.9,
      pick(["client_credentials", "authorization_code", "authorization_code_pkce"]),
      `client-${i}`,
      "v1.bench.secret",
      "1234",
      ts(random() * 400),
      health,
      health === "NOT_TESTED" ? null : ts(random() * 90),
      pick(users).id,
      pick(users).id,
      ts(365),
      ts(random() * 365),
    ]);
    if (random() < 0.5) {
      tokenSets.push([
        `bench-token-${i}`,
        id,
        "shared",
        "v1.bench",
        random() < 0.6 ? "v1.bench.refresh" : null,
        ts(random() * 20 - 10),
        ts(30),
        random() < 0.5 ? ts(random() * 30) : null,
        ts(30),
        ts(1),
      ]);
    }
  });
  await writer.insert(
    "Connection",
    [
      "id",
      "name",
      "providerType",
      "status",
      "enabled",
      "grantType",
      "clientId",
      "clientSecretEncrypted",
      "clientSecretLast4",
      "clientSecretSetAt",
      "health",
      "lastTestedAt",
      "createdById",
      "updatedById",
      "createdAt",
      "updatedAt",
    ],
    connections,
  );
  await writer.insert(
    "TokenSet",
    [
      "id",
      "connectionId",
      "ownerKey",
      "accessTokenEncrypted",
      "refreshTokenEncrypted",
      "expiresAt",
      "obtainedAt",
      "refreshedAt",
      "createdAt",
      "updatedAt",
    ],
    tokenSets,
  );

  const eventColumns = [
    "seq",
    "createdAt",
    "actorId",
    "actorEmail",
    "actorRole",
    "ip",
    "userAgent",
    "action",
    "targetType",
    "targetId",
    "targetName",
    "connectionId",
    "details",
    "prevHash",
    "hash",
  ];
  let prevHash = GENESIS_HASH;
  const step = (365 * DAY_MS) / EVENTS;
  let batch: Value[][] = [];
  for (let seq = 1; seq <= EVENTS; seq += 1) {
    const action = pickAction();
    const user = pick(users);
    const connectionIndex = Math.floor(random() * CONNECTIONS);
    const onConnection = action.startsWith("connection.") || action === "token.refreshed";
    const details =
      action === "connection.updated"
        ? {
            diff: {
              scopes: { from: ["openid"], to: ["openid", `scope-${seq % 7}`] },
              clientSecret: { changed: true, secret: true },
            },
          }
        : action === "connection.tested"
          ? {
              grantType: "client_credentials",
              targetHost: "login.example.com",
              outcome: random() < 0.85 ? "SUCCESS" : "FAILED",
            }
          : {};
    const bot = action === "token.refreshed" ? refresherOf(seq, EVENTS) : undefined;
    const content = {
      seq,
      createdAt: new Date(firstDay.getTime() + seq * step),
      actorId: bot ? null : user.id,
      actorEmail: bot ? bot.email : user.email,
      actorRole: bot ? bot.role : "ADMIN",
      ip: `10.0.${seq % 250}.${user.id.length}`,
      userAgent: "Mozilla/5.0 (X11; Linux x86_64) bench",
      action,
      targetType: onConnection ? "connection" : "user",
      targetId: onConnection ? connectionIds[connectionIndex]! : user.id,
      targetName: onConnection ? `Bench connection ${String(connectionIndex).padStart(6, "0")}` : user.email,
      connectionId: onConnection ? connectionIds[connectionIndex]! : null,
      details: JSON.stringify(details),
    };
    const hash = computeEventHash(auditKey, prevHash, content);
    batch.push([
      seq,
      content.createdAt,
      content.actorId,
      content.actorEmail,
      content.actorRole,
      content.ip,
      content.userAgent,
      content.action,
      content.targetType,
      content.targetId,
      content.targetName,
      content.connectionId,
      content.details,
      prevHash,
      hash,
    ]);
    if (batch.length === 10_000) {
      await writer.insert("AuditEvent", eventColumns, batch);
      batch = [];
    }
    prevHash = hash;
  }
  await writer.insert("AuditEvent", eventColumns, batch);
  await writer.flush();
  console.log(
    `seeded ${EVENTS.toLocaleString("en-US")} events, ${CONNECTIONS.toLocaleString("en-US")} connections in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return {
    adminEmail: users[0]!.email,
    adminPassword,
    userEmails: users.map((u) => u.email),
    botActor: API_KEY_ACTORS[7]!,
    connectionIds,
    firstDay,
    lastDay: new Date(now),
  };
}
