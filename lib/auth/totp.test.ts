import { describe, expect, it } from "vitest";
import { acceptedTotpStep, createTotpSecret, isTotpCodeShape, totpCodeAt, totpUriOf } from "@/lib/auth/totp";

const NOW = new Date("2026-12-05T12:00:10Z");
const STEP = Math.floor(NOW.getTime() / 30_000);
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

describe("acceptedTotpStep", () => {
  const secret = createTotpSecret();

  it("accepts the current code and names its step", () => {
    expect(acceptedTotpStep(secret, totpCodeAt(secret, NOW), null, NOW)).toBe(STEP);
  });

  it("accepts the codes of one step before and after (clock drift), not two", () => {
    expect(acceptedTotpStep(secret, totpCodeAt(secret, at(-30)), null, NOW)).toBe(STEP - 1);
    expect(acceptedTotpStep(secret, totpCodeAt(secret, at(30)), null, NOW)).toBe(STEP + 1);
    expect(acceptedTotpStep(secret, totpCodeAt(secret, at(-60)), null, NOW)).toBeNull();
    expect(acceptedTotpStep(secret, totpCodeAt(secret, at(60)), null, NOW)).toBeNull();
  });

  it("never accepts a code of a step already used, nor an older one (RFC 6238 §5.2)", () => {
    const code = totpCodeAt(secret, NOW);
    expect(acceptedTotpStep(secret, code, STEP, NOW)).toBeNull();
    expect(acceptedTotpStep(secret, totpCodeAt(secret, at(-30)), STEP, NOW)).toBeNull();
    expect(acceptedTotpStep(secret, totpCodeAt(secret, at(30)), STEP, NOW)).toBe(STEP + 1);
  });

  it("refuses another secret's code and malformed input", () => {
    expect(acceptedTotpStep(createTotpSecret(), totpCodeAt(secret, NOW), null, NOW)).toBeNull();
    expect(acceptedTotpStep(secret, "12345", null, NOW)).toBeNull();
    expect(acceptedTotpStep(secret, "abcdef", null, NOW)).toBeNull();
  });

  it("tolerates spaces typed inside the code", () => {
    const code = totpCodeAt(secret, NOW);
    expect(acceptedTotpStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, null, NOW)).toBe(STEP);
  });
});

describe("totpUriOf and isTotpCodeShape", () => {
  it("builds an otpauth URI naming the issuer and account with SHA1, 6 digits, 30 s", () => {
    const uri = new URL(totpUriOf("JBSWY3DPEHPK3PXP", "ada@example.com"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe("JBSWY3DPEHPK3PXP");
    expect(uri.searchParams.get("issuer")).toBe("Handshake");
    expect(uri.searchParams.get("digits")).toBe("6");
    expect(uri.searchParams.get("period")).toBe("30");
  });

  it("tells a 6-digit code from a recovery code", () => {
    expect(isTotpCodeShape("123 456")).toBe(true);
    expect(isTotpCodeShape("abcde-fghij")).toBe(false);
  });
});
