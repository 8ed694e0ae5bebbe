/**
 * The starting point of the token-read counting tests: no counts, token sets, API keys or
 * connections, then the one API key ("bot") whose reads they count.
 */
import type { PrismaClient } from "@/lib/db/generated/client";

/** Empties the token-read tables and creates the "bot" API key; returns its id. */
export async function resetToBotKey(db: PrismaClient): Promise<string> {
  await db.tokenReadCount.deleteMany();
  await db.tokenSet.deleteMany();
  await db.apiKey.deleteMany();
  await db.connection.deleteMany();
  const key = await db.apiKey.create({ data: { name: "bot", displayPrefix: "hsk_abcdef", keyHash: "h1" } });
  return key.id;
}
