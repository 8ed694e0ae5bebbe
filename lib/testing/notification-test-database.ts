/** The notification tests' database: links name APP_URL, and deliveries may reach receivers on loopback. */
import { createTestDatabase } from "@/lib/testing/test-database";

export type NotificationTestDatabase = Awaited<ReturnType<typeof openNotificationTestDatabase>>;

export async function openNotificationTestDatabase() {
  process.env.APP_URL = "https://handshake.example";
  process.env.OUTBOUND_ALLOW_HTTP = "true";
  process.env.OUTBOUND_ALLOW_CIDRS = "127.0.0.0/8";
  const database = createTestDatabase();
  // Imported only now: the database module reads the configuration createTestDatabase just set.
  const db = (await import("@/lib/db/prisma")).prisma;
  return {
    db,
    async close() {
      await db.$disconnect();
      database.cleanup();
    },
  };
}
