/**
 * First-admin bootstrap. With ADMIN_EMAIL and ADMIN_PASSWORD set and no user yet, that admin is
 * created. Otherwise, while no user exists, a one-time setup code is printed to the server log
 * (as Jenkins does) and the setup page asks for it, so whoever reaches a fresh install first
 * cannot simply claim it.
 */
import crypto from "node:crypto";
import { Prisma } from "@/lib/db/generated/client";
import { prisma as db } from "@/lib/db/prisma";
import { hashPassword } from "@/lib/auth/password";
import { recordAuditEvent, SYSTEM_ACTOR } from "@/lib/audit/record-audit-event";

export const SETUP_CODE_SETTING = "setup_code_hash";

export function hashSetupCode(code: string): string {
  return crypto
    .createHash("sha256")
    .update(
      code
        .trim()
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, ""),
    )
    .digest("hex");
}

function generateSetupCode(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const chars = Array.from(crypto.randomBytes(12), (b) => alphabet[b % alphabet.length]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

export type BootstrapOutcome =
  { kind: "users-exist" } | { kind: "admin-created"; email: string } | { kind: "setup-code"; code: string };

export async function bootstrapFirstAdmin(options: {
  adminEmail?: string;
  adminPassword?: string;
}): Promise<BootstrapOutcome> {
  if ((await db.user.count()) > 0) {
    await db.setting.deleteMany({ where: { key: SETUP_CODE_SETTING } });
    return { kind: "users-exist" };
  }
  if (options.adminEmail && options.adminPassword) {
    const passwordHash = await hashPassword(options.adminPassword);
    const email = options.adminEmail;
    try {
      await db.$transaction(async (tx) => {
        const user = await tx.user.create({ data: { email, passwordHash, role: "ADMIN" } });
        await recordAuditEvent(tx, {
          actor: SYSTEM_ACTOR,
          action: "user.created",
          target: { type: "user", id: user.id, name: email },
          details: { role: "ADMIN", source: "ADMIN_EMAIL" },
        });
      });
    } catch (error) {
      // Replicas starting at once on one PostgreSQL: another one created this admin a moment ago.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
        return { kind: "users-exist" };
      throw error;
    }
    return { kind: "admin-created", email };
  }
  const code = generateSetupCode();
  await db.setting.upsert({
    where: { key: SETUP_CODE_SETTING },
    create: { key: SETUP_CODE_SETTING, value: hashSetupCode(code) },
    update: { value: hashSetupCode(code) },
  });
  return { kind: "setup-code", code };
}

export type SetupOutcome = "created" | "setup-done" | "wrong-code";

/**
 * Creates the first admin if the one-time setup code matches. Deleting the code in the same
 * transaction makes it single-use even under concurrent submits.
 */
export async function completeFirstAdminSetup(request: {
  setupCode: string;
  email: string;
  name?: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}): Promise<SetupOutcome> {
  const stored = await db.setting.findUnique({ where: { key: SETUP_CODE_SETTING } });
  if ((await db.user.count()) > 0 || !stored) return "setup-done";
  const expected = Buffer.from(stored.value, "hex");
  const given = Buffer.from(hashSetupCode(request.setupCode), "hex");
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return "wrong-code";

  const { email, name, ip, userAgent } = request;
  const passwordHash = await hashPassword(request.password);
  await db.$transaction(async (tx) => {
    const consumed = await tx.setting.deleteMany({ where: { key: SETUP_CODE_SETTING, value: stored.value } });
    if (consumed.count !== 1) throw new Error("setup code already used");
    const user = await tx.user.create({ data: { email, name: name || null, passwordHash, role: "ADMIN" } });
    await recordAuditEvent(tx, {
      actor: { id: user.id, email, role: "ADMIN", ip, userAgent },
      action: "setup.completed",
      target: { type: "user", id: user.id, name: email },
      details: { role: "ADMIN" },
    });
  });
  return "created";
}
