import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";

describe("passwords", () => {
  it("hashes with argon2id and verifies", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(hash, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(hash, "wrong password")).toBe(false);
  });

  it("returns false for an unknown user after verifying a dummy hash", async () => {
    const started = performance.now();
    expect(await verifyPassword(null, "anything")).toBe(false);
    // A real argon2 verification ran (not an early return), so timing does not reveal the account.
    expect(performance.now() - started).toBeGreaterThan(5);
  });

  it("treats a malformed stored hash as a mismatch", async () => {
    expect(await verifyPassword("not-a-hash", "x")).toBe(false);
  });
});
