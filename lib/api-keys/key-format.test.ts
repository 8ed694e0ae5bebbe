import { describe, expect, it } from "vitest";
import {
  API_KEY_PREFIX,
  displayPrefixOf,
  generateApiKey,
  hashApiKey,
  isWellFormedApiKey,
  sameHash,
} from "@/lib/api-keys/key-format";

describe("API key format", () => {
  it("generates prefixed keys whose checksum verifies", () => {
    const key = generateApiKey();
    expect(key.startsWith(API_KEY_PREFIX)).toBe(true);
    expect(key).toHaveLength(API_KEY_PREFIX.length + 38);
    expect(isWellFormedApiKey(key)).toBe(true);
    expect(generateApiKey()).not.toBe(key);
  });

  it("refuses a key with one character changed, a truncated key and another prefix", () => {
    const key = generateApiKey();
    const last = key.at(-5) === "a" ? "b" : "a";
    expect(isWellFormedApiKey(`${key.slice(0, -5)}${last}${key.slice(-4)}`)).toBe(false);
    expect(isWellFormedApiKey(key.slice(0, -1))).toBe(false);
    expect(isWellFormedApiKey(`ghp_${key.slice(4)}`)).toBe(false);
  });

  it("hashes to a hex digest compared in constant time, and shows only a short prefix", () => {
    const key = generateApiKey();
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(sameHash(hashApiKey(key), hashApiKey(key))).toBe(true);
    expect(sameHash(hashApiKey(key), hashApiKey(generateApiKey()))).toBe(false);
    expect(displayPrefixOf(key)).toBe(key.slice(0, 10));
  });
});
