import { prisma as db } from "@/lib/db/prisma";

/** Every user for the Users page, by email. */
export async function listUsers() {
  return db.user.findMany({
    orderBy: { email: "asc" },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabled: true,
      mustChangePassword: true,
      lastSignInAt: true,
      createdAt: true,
    },
  });
}

/** Zero means a fresh install that still needs its first admin. */
export async function countUsers(): Promise<number> {
  return db.user.count();
}

/** Emails offered as suggestions in the Audit page's actor filter. */
export async function listUserEmails(limit = 500): Promise<string[]> {
  const users = await db.user.findMany({ select: { email: true }, orderBy: { email: "asc" }, take: limit });
  return users.map((u) => u.email);
}
