/**
 * Many writers in this process (as concurrent console requests) and separate CLI processes write
 * one SQLite file at the same time: every write lands, none fails, and the audit chain verifies.
 */
import { spawn } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-database";
import { prisma } from "@/lib/db/prisma";
import { getConfig } from "@/lib/config/env";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { recordStandaloneAuditEvent } from "@/lib/audit/record-audit-event";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { saveConnectionDraft } from "@/lib/connections/manage-connections";

const WRITERS = 8;
const CLI_USERS = 3;
const MIN_ROUNDS = 5;

let database: ReturnType<typeof createTestDatabase>;
let actor: AuditActor;

beforeAll(async () => {
  database = createTestDatabase();
  const admin = await prisma.user.create({ data: { email: "admin@writers.test", passwordHash: "x", role: "ADMIN" } });
  actor = { id: admin.id, email: admin.email, role: "ADMIN", ip: "127.0.0.1", userAgent: "vitest" };
}, 120_000);

afterAll(async () => {
  await prisma.$disconnect();
  database.cleanup();
});

/** `npm run user -- add`, as an operator would run it beside the console. */
function addUserWithCli(email: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/user.ts", "add", email, "--role", "AUDITOR"], {
      env: { ...process.env, DATA_DIR: database.dataDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code) => resolve({ code, output }));
  });
}

it(
  "lands every write of 8 parallel writers and of CLI processes writing at the same time",
  { timeout: 300_000 },
  async () => {
    let cliRunning = true;
    const cli = Promise.all(
      Array.from({ length: CLI_USERS }, (_, i) => addUserWithCli(`cli-${i}@writers.test`)),
    ).finally(() => {
      cliRunning = false;
    });

    // Each round: a new draft (its audit event in the same transaction), a second save of it that
    // reads its version first, and a standalone audit event.
    async function writer(index: number): Promise<number> {
      let rounds = 0;
      while (cliRunning || rounds < MIN_ROUNDS) {
        const name = `writer ${index} round ${rounds}`;
        const draft = await saveConnectionDraft(actor, {
          reachedStep: 1,
          input: { name, providerType: "custom", providerParams: {}, description: null },
        });
        await saveConnectionDraft(actor, {
          draftId: draft.id,
          version: draft.version,
          reachedStep: 1,
          input: { name, providerType: "custom", providerParams: {}, description: "saved again" },
        });
        await recordStandaloneAuditEvent({
          actor,
          action: "audit.exported",
          details: { format: "csv", filter: { writer: String(index) } },
        });
        rounds += 1;
        // Requests arrive a little apart, as from people using the console.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return rounds;
    }

    const rounds = await Promise.all(Array.from({ length: WRITERS }, (_, i) => writer(i)));
    const cliResults = await cli;

    for (const result of cliResults) expect(result, result.output).toMatchObject({ code: 0 });
    const totalRounds = rounds.reduce((a, b) => a + b, 0);
    expect(await prisma.connection.count({ where: { description: "saved again" } })).toBe(totalRounds);
    expect(await prisma.user.count({ where: { email: { startsWith: "cli-" } } })).toBe(CLI_USERS);
    expect(await prisma.auditEvent.count({ where: { action: "connection.created" } })).toBe(totalRounds);
    expect(await prisma.auditEvent.count({ where: { action: "audit.exported" } })).toBe(totalRounds);
    expect(await prisma.auditEvent.count({ where: { action: "user.created" } })).toBe(CLI_USERS);

    const verification = await verifyAuditChain({ key: getConfig().auditKey });
    expect(verification.ok).toBe(true);
  },
);
