/**
 * API key format: `hsk_` + 32 random base62 characters + a 6-character base62 CRC32 of them, the
 * scheme GitHub uses for its tokens, so secret scanners can recognise a leaked key by its prefix
 * and tell it from random text by its checksum without asking us. Only the SHA-256 of the key is
 * stored: the key carries ~190 random bits, so a fast hash is as good as a slow one here.
 */
import crypto from "node:crypto";
import zlib from "node:zlib";

export const API_KEY_PREFIX = "hsk_";
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
const KEY_PATTERN = new RegExp(`^${API_KEY_PREFIX}[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}$`);

function toBase62(value: number, length: number): string {
  let out = "";
  let rest = value;
  for (let i = 0; i < length; i++) {
    out = ALPHABET[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}

function checksumOf(random: string): string {
  return toBase62(zlib.crc32(random), CHECKSUM_LENGTH);
}

export function generateApiKey(): string {
  // Rejection sampling keeps every character uniform (256 is not a multiple of 62).
  let random = "";
  while (random.length < RANDOM_LENGTH) {
    for (const byte of crypto.randomBytes(RANDOM_LENGTH * 2)) {
      if (byte < 248 && random.length < RANDOM_LENGTH) random += ALPHABET[byte % 62];
    }
  }
  return `${API_KEY_PREFIX}${random}${checksumOf(random)}`;
}

/** Shape and checksum: a typo or a truncated key is refused without a database lookup. */
export function isWellFormedApiKey(key: string): boolean {
  if (!KEY_PATTERN.test(key)) return false;
  const body = key.slice(API_KEY_PREFIX.length);
  return checksumOf(body.slice(0, RANDOM_LENGTH)) === body.slice(RANDOM_LENGTH);
}

export function hashApiKey(key: string): string {
  return crypto.createHash("sha256").update(key, "utf8").digest("hex");
}

/** What lists show to recognise a key: the prefix and the first six random characters. */
export function displayPrefixOf(key: string): string {
  return key.slice(0, API_KEY_PREFIX.length + 6);
}

/** Constant-time comparison of two hex digests (the lookup found a row; confirm it without a timing signal). */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}
