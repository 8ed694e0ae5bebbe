/**
 * Authenticator app codes (TOTP, RFC 6238) with the parameters every app understands: HMAC-SHA1,
 * 6 digits, 30-second steps (§4, §5.2), a 160-bit secret (RFC 4226 §4 recommends 160 bits).
 */
import { Secret, TOTP } from "otpauth";

const PERIOD_SECONDS = 30;
/** One step either side: clocks drift and a code typed at the end of its step still counts (RFC 6238 §5.2). */
export const TOTP_WINDOW_STEPS = 1;
const ISSUER = "Handshake";

export function createTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secret: string, account = ""): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label: account,
    secret: Secret.fromBase32(secret),
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD_SECONDS,
  });
}

/** The otpauth:// URI an authenticator app scans (Key Uri Format). */
export function totpUriOf(secret: string, account: string): string {
  return totpOf(secret, account).toString();
}

/** The current code, for tests and for nothing else in the product. */
export function totpCodeAt(secret: string, now: Date): string {
  return totpOf(secret).generate({ timestamp: now.getTime() });
}

/**
 * The time step a code belongs to when it is valid now (within the window) and newer than the last
 * accepted step, else null: an accepted code, or any older one, is never accepted again (RFC 6238 §5.2).
 */
export function acceptedTotpStep(
  secret: string,
  code: string,
  lastUsedStep: number | null,
  now = new Date(),
): number | null {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const totp = totpOf(secret);
  const delta = totp.validate({ token, timestamp: now.getTime(), window: TOTP_WINDOW_STEPS });
  if (delta === null) return null;
  const step = totp.counter({ timestamp: now.getTime() }) + delta;
  return lastUsedStep !== null && step <= lastUsedStep ? null : step;
}

/** Whether what was typed looks like an authenticator code rather than a recovery code. */
export function isTotpCodeShape(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s/g, ""));
}
