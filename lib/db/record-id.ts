/**
 * Ids for rows written by plain SQL (lib/db/raw-sql.ts), in the shape of Prisma's `cuid()` default
 * that the schema gives rows written through the client: "c", then the time, then randomness, 25
 * lowercase letters and digits, so ids of both kinds sort and look alike.
 */
import crypto from "node:crypto";

const RANDOM_CHARACTERS = 16;

export function newRecordId(now = Date.now()): string {
  const time = now.toString(36).padStart(8, "0").slice(-8);
  let random = "";
  for (const byte of crypto.randomBytes(RANDOM_CHARACTERS)) random += (byte % 36).toString(36);
  return `c${time}${random}`;
}
