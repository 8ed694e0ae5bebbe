import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  decryptSecret,
  encryptSecret,
  keyIdOf,
  reencryptSecret,
  SecretDecryptionError,
  secretHint,
} from "@/lib/crypto/secret-box";
import type { EncryptionKeyring } from "@/lib/config/env";

const k1 = crypto.randomBytes(32);
const k2 = crypto.randomBytes(32);
const ring1: EncryptionKeyring = { activeKeyId: "k1", keys: { k1 } };
const ring2: EncryptionKeyring = { activeKeyId: "k2", keys: { k1, k2 } };
const context = { recordId: "conn_1", field: "clientSecret" };

describe("secret box", () => {
  it("round-trips and never stores the plaintext", () => {
    const envelope = encryptSecret("s3cret-value-ABC", context, ring1);
    expect(envelope).not.toContain("s3cret");
    expect(envelope.startsWith("v1.k1.")).toBe(true);
    expect(decryptSecret(envelope, context, ring1)).toBe("s3cret-value-ABC");
  });

  it("uses a fresh IV for every value", () => {
    expect(encryptSecret("same", context, ring1)).not.toBe(encryptSecret("same", context, ring1));
  });

  it("rejects a tampered ciphertext", () => {
    const envelope = encryptSecret("s3cret-value-ABC", context, ring1);
    const parts = envelope.split(".");
    const ct = Buffer.from(parts[4]!, "base64url");
    ct[0] = ct[0]! ^ 0xff;
    parts[4] = ct.toString("base64url");
    expect(() => decryptSecret(parts.join("."), context, ring1)).toThrow(SecretDecryptionError);
  });

  it("rejects a ciphertext moved to another record or field", () => {
    const envelope = encryptSecret("s3cret-value-ABC", context, ring1);
    expect(() => decryptSecret(envelope, { recordId: "conn_2", field: "clientSecret" }, ring1)).toThrow(
      SecretDecryptionError,
    );
    expect(() => decryptSecret(envelope, { recordId: "conn_1", field: "refreshToken" }, ring1)).toThrow(
      SecretDecryptionError,
    );
  });

  it("rejects an unknown key id and a malformed envelope", () => {
    const envelope = encryptSecret("x", context, ring2);
    expect(() => decryptSecret(envelope, context, ring1)).toThrow(/not configured/);
    expect(() => decryptSecret("plaintext", context, ring1)).toThrow(SecretDecryptionError);
  });

  it("re-seals under the active key during rotation and keeps old values readable", () => {
    const old = encryptSecret("rotate-me-please", context, ring1);
    expect(decryptSecret(old, context, ring2)).toBe("rotate-me-please");
    const rotated = reencryptSecret(old, context, ring2);
    expect(keyIdOf(rotated)).toBe("k2");
    expect(decryptSecret(rotated, context, ring2)).toBe("rotate-me-please");
    expect(reencryptSecret(rotated, context, ring2)).toBe(rotated);
  });

  it("hints at most the last four characters, and nothing for short secrets", () => {
    expect(secretHint("abcdefgh1234")).toBe("1234");
    expect(secretHint("short")).toBe("");
  });
});
