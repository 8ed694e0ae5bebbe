import { prisma } from "@/lib/db/prisma";

/** Throws when the database cannot answer a trivial query. */
export async function pingDatabase(): Promise<void> {
  await prisma.$queryRaw`SELECT 1`;
}
