/**
 * User rules against a real SQLite database built from the migrations.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/db/generated/client";
import { createTestDatabase } from "@/lib/testing/test-database";
import { SYSTEM_ACTOR } from "@/lib/audit/record-audit-event";
import { createUser, setUserDisabled, setUserRole } from "@/lib/users/manage-users";
import { ApplicationError } from "@/lib/errors/application-error";

let cleanup: () => void;
let db: PrismaClient;

beforeAll(async () => {
  cleanup = createTestDatabase().cleanup;
  db = (await import("@/lib/db/prisma")).prisma;
});

afterAll(async () => {
  await db.$disconnect();
  cleanup();
});

async function twoAdmins(tag: string) {
  const a = await createUser(SYSTEM_ACTOR, {
    email: `a-${tag}@example.test`,
    role: "ADMIN",
    password: "a-long-password-1",
  });
  const b = await createUser(SYSTEM_ACTOR, {
    email: `b-${tag}@example.test`,
    role: "ADMIN",
    password: "a-long-password-2",
  });
  return [a, b] as const;
}

async function activeAdmins(): Promise<number> {
  return db.user.count({ where: { role: "ADMIN", disabled: false } });
}

describe("the last active admin", () => {
  it("survives two admins demoting each other at the same moment", async () => {
    await db.user.updateMany({ data: { disabled: true } });
    const [a, b] = await twoAdmins("demote");
    const results = await Promise.allSettled([
      setUserRole(SYSTEM_ACTOR, a.id, "AUDITOR"),
      setUserRole(SYSTEM_ACTOR, b.id, "AUDITOR"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.reason).toBeInstanceOf(ApplicationError);
    expect(await activeAdmins()).toBe(1);
  });

  it("survives two admins disabling each other at the same moment", async () => {
    await db.user.updateMany({ data: { disabled: true } });
    const [a, b] = await twoAdmins("disable");
    const results = await Promise.allSettled([
      setUserDisabled({ ...SYSTEM_ACTOR, id: b.id }, a.id, true),
      setUserDisabled({ ...SYSTEM_ACTOR, id: a.id }, b.id, true),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await activeAdmins()).toBe(1);
  });
});
