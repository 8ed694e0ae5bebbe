/**
 * npm run bench:test-connection [-- --iterations 200]
 *
 * Times a client-credentials test through Handshake's engine (the code path behind the Test
 * connection button: read the connection, discovery, token request through the guarded fetch,
 * result recorded with its audit events and the token set) against the same bare openid-client
 * calls (discovery + clientCredentialsGrant with the default fetch), side by side in one run
 * against a local oidc-provider. Prints median and p95 of each and their ratio; goal ≤ 1.3.
 * Also prints the engine without its database work, and that work alone (reading the connection;
 * recording a finished test), timed in the same interleaved runs, to show where the difference comes from.
 * Recording a test is one write transaction; the app's SQLite setting (WAL, synchronous=NORMAL,
 * lib/db/sqlite-adapter.ts) keeps its commit from waiting for the disk.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import * as oc from "openid-client";
import { startOidcProvider } from "@/lib/testing/oidc-provider-factory";
import { createTestDatabase } from "@/lib/testing/test-database";
import { seedConnectionRow } from "@/lib/testing/seed-connection-row";
import { createBenchAdmin } from "@/lib/bench/bench-admin";

const CLIENT = { id: "bench-cc", secret: "bench-cc-secret-5d1e2f" };
const RESOURCE = "urn:handshake:bench-api";
const SCOPE = "api:read";

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

async function main() {
  const { values } = parseArgs({
    options: { iterations: { type: "string", default: "200" }, warmup: { type: "string", default: "20" } },
  });
  const iterations = Number(values.iterations);
  const warmup = Number(values.warmup);

  const database = createTestDatabase();
  const provider = await startOidcProvider(() => [
    {
      client_id: CLIENT.id,
      client_secret: CLIENT.secret,
      grant_types: ["client_credentials"],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ]);
  // Imported after the database exists: these modules read the configuration it set up.
  const { prisma } = await import("@/lib/db/prisma");
  const { createGuardedFetch } = await import("@/lib/net/guarded-fetch");
  const { runClientCredentialsTest } = await import("@/lib/connection-tests/run-client-credentials-test");
  const { findConnection } = await import("@/lib/connections/find-connections");
  const { readConnectionSettings } = await import("@/lib/connections/connection-settings");
  const { buildClientConfiguration } = await import("@/lib/oauth/client-config");
  const { requestClientCredentials } = await import("@/lib/oauth/protocol-requests");
  const { clientProfileOf } = await import("@/lib/connections/client-profile");
  const { inspectTokenResponse } = await import("@/lib/connection-tests/inspect-token-response");
  const { tokenRequestParameters } = await import("@/lib/oauth/token-request-parameters");
  const { emptyResult } = await import("@/lib/connection-tests/test-result");
  const { TraceRecorder } = await import("@/lib/oauth/trace");
  const { recordFinishedTest } = await import("@/lib/connection-tests/record-test-run");
  const { freshSharedTokenSet } = await import("@/lib/tokens/token-store");

  try {
    const actor = await createBenchAdmin(prisma, "bench@handshake.test");
    const created = await seedConnectionRow(
      prisma,
      {
        name: "bench",
        grantType: "client_credentials",
        issuer: provider.issuer,
        discoveryMetadata: { issuer: provider.issuer },
        clientId: CLIENT.id,
        clientAuthMethod: "client_secret_basic",
        scopes: [SCOPE],
        resource: RESOURCE,
      },
      { clientSecret: CLIENT.secret },
    );
    const guarded = createGuardedFetch({ allowHttp: true, allowCidrs: ["127.0.0.0/8"] });

    // What the Test connection action runs (app/(console)/connections/test-actions.ts): read the
    // connection, then the engine, which records the result.
    const handshake = async () => {
      const connection = await findConnection(created.id);
      if (!connection) throw new Error("the bench connection is gone");
      const { outcome } = await runClientCredentialsTest({
        connection,
        user: { id: actor.id, email: actor.email },
        actor,
        fetch: guarded,
      });
      if (outcome !== "SUCCESS") throw new Error(`Handshake test ended ${outcome}`);
    };
    // The engine's protocol part alone (trace, guarded fetch, checks), without reading or recording
    // anything in the database: shows how the overhead splits between the two.
    const connectionRow = await prisma.connection.findUniqueOrThrow({ where: { id: created.id } });
    let protocolRun:
      | {
          settings: ReturnType<typeof readConnectionSettings>;
          trace: InstanceType<typeof TraceRecorder>;
          result: ReturnType<typeof emptyResult>;
          tokens: Awaited<ReturnType<typeof requestClientCredentials>>;
        }
      | undefined;
    const protocolOnly = async () => {
      const settings = readConnectionSettings(connectionRow);
      const trace = new TraceRecorder();
      const { client } = await buildClientConfiguration(
        clientProfileOf(connectionRow),
        trace,
        trace.recordingFetch(guarded),
      );
      const tokens = await requestClientCredentials(client, tokenRequestParameters(settings, "client_credentials"));
      const result = emptyResult("TEST", "client_credentials");
      inspectTokenResponse(tokens, settings, connectionRow, result, new Date());
      protocolRun = { settings, trace, result, tokens };
    };
    // The engine's database work alone: the read it starts with, and the one transaction it ends
    // with (test run, token set, health, audit event and head mark), recording the last protocol run.
    const readOnly = async () => {
      await findConnection(created.id);
    };
    const recordOnly = async () => {
      const { settings, trace, result, tokens } = protocolRun!;
      const now = new Date();
      await recordFinishedTest({
        connection: connectionRow,
        purpose: "TEST",
        user: { id: actor.id, email: actor.email },
        actor,
        targetHost: settings.targetHost,
        startedAt: now,
        outcome: "SUCCESS",
        result,
        trace: trace.steps,
        diagnosis: null,
        tokensToStore: freshSharedTokenSet(tokens, {
          expiresAt: new Date(now.getTime() + (tokens.expires_in ?? 0) * 1000),
          obtainedAt: now,
        }),
      });
    };
    const bare = async () => {
      const config = await oc.discovery(
        new URL(provider.issuer),
        CLIENT.id,
        undefined,
        oc.ClientSecretBasic(CLIENT.secret),
        {
          execute: [oc.allowInsecureRequests],
        },
      );
      await oc.clientCredentialsGrant(config, { scope: SCOPE, resource: RESOURCE });
    };

    // protocolOnly first, so the warm-up leaves recordOnly a protocol run to record.
    const runs = { protocolOnly, handshake, bare, readOnly, recordOnly };
    for (let i = 0; i < warmup; i++) for (const run of Object.values(runs)) await run();
    const names = Object.keys(runs) as (keyof typeof runs)[];
    const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<
      keyof typeof runs,
      number[]
    >;
    // Interleaved, rotating which goes first, so drift and load affect all sides alike.
    for (let i = 0; i < iterations; i++) {
      for (let k = 0; k < names.length; k++) {
        const which = names[(i + k) % names.length]!;
        const started = performance.now();
        await runs[which]();
        samples[which].push(performance.now() - started);
      }
    }

    const h = summarize(samples.handshake);
    const p = summarize(samples.protocolOnly);
    const b = summarize(samples.bare);
    const ratio = h.median / b.median;
    const format = (ms: number) => `${ms.toFixed(2)} ms`;
    console.log(
      `\nclient-credentials test, ${iterations} iterations each (after ${warmup} warm-up), local oidc-provider at ${provider.issuer}`,
    );
    console.log(
      `SQLite as the app runs it (WAL, synchronous=NORMAL); load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")} on ${os.cpus().length} CPUs`,
    );
    const row = (label: string, median: string, p95: string) =>
      console.log(`${label.padEnd(44)}${median.padStart(11)}${p95.padStart(11)}`);
    row("", "median", "p95");
    row("Handshake engine (what Test connection runs)", format(h.median), format(h.p95));
    row("bare openid-client", format(b.median), format(b.p95));
    row("ratio Handshake / bare", ratio.toFixed(2), (h.p95 / b.p95).toFixed(2));
    row("engine without its database work", format(p.median), format(p.p95));
    row("ratio of that / bare", (p.median / b.median).toFixed(2), (p.p95 / b.p95).toFixed(2));
    const read = summarize(samples.readOnly);
    const record = summarize(samples.recordOnly);
    row("  its database work: reading the connection", format(read.median), format(read.p95));
    row("  its database work: recording the result", format(record.median), format(record.p95));
    console.log(ratio <= 1.3 ? "goal met: median ratio ≤ 1.3" : "goal missed: median ratio > 1.3");
  } finally {
    await prisma.$disconnect();
    await provider.close();
    database.cleanup();
  }
}

void main();
