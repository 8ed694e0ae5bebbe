/**
 * Migrates the database the environment names (DATA_DIR and DATABASE_URL, set by the benchmark
 * first) and answers its Prisma client. Both are imported here, not at the top: they read the
 * configuration that the benchmark sets up before calling this; so do the app modules it imports after.
 */
export async function openMigratedDatabase() {
  const { migrateDatabase } = await import("@/lib/cli/migrate");
  const migrated = await migrateDatabase();
  if (!migrated.ok) throw new Error(migrated.message);
  const { prisma } = await import("@/lib/db/prisma");
  return prisma;
}
