/**
 * The admin a benchmark acts as: a user row without a usable password, returned as the audit actor
 * of the benchmark's writes. Its module imports no database client, so a benchmark can load it
 * before it has set up the database it runs against.
 */
import type { Db } from "@/lib/db/prisma";

export async function createBenchAdmin(db: Db, email: string) {
  const admin = await db.user.create({ data: { email, passwordHash: "unused", role: "ADMIN" } });
  return { id: admin.id, email: admin.email, role: "ADMIN", ip: "127.0.0.1", userAgent: "bench" };
}
