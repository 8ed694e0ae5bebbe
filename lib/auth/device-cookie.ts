/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): after a
 * successful sign-in the browser gets a cookie naming the account and a random nonce, signed with a
 * key derived from NEXTAUTH_SECRET. A sign-in that presents a valid one for the account it signs in
 * to comes from a known device: it is throttled on its own device key instead of the account's, so
 * anyone failing sign-ins for that account elsewhere cannot keep its owner out.
 */
import crypto from "node:crypto";
import { cookies } from "next/headers";
import { getConfig } from "@/lib/config/env";

const MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** `__Host-` (RFC 6265bis §4.1.3.2: Secure, Path=/, no Domain) whenever the console is served over https. */
export function deviceCookieName(appUrl: string = getConfig().appUrl): string {
  return appUrl.startsWith("https://") ? "__Host-handshake-device" : "handshake-device";
}

function signatureOf(account: string, nonce: string): string {
  // A key of its own, so a device cookie signature is never valid as anything else signed with the secret.
  const key = crypto.createHmac("sha256", getConfig().nextauthSecret).update("handshake device cookie v1").digest();
  return crypto.createHmac("sha256", key).update(`${account},${nonce}`).digest("base64url");
}

/** The cookie value for a device that just signed in to `email`. */
export function createDeviceCookieValue(email: string): string {
  const account = email.trim().toLowerCase();
  const nonce = crypto.randomBytes(16).toString("base64url");
  return `${Buffer.from(account).toString("base64url")}.${nonce}.${signatureOf(account, nonce)}`;
}

function cookieFrom(cookieHeader: string | null, name: string): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

/** The device's nonce when the request carries a valid device cookie for `email`, else null. */
export function knownDeviceOf(cookieHeader: string | null, email: string): string | null {
  const value = cookieFrom(cookieHeader, deviceCookieName());
  const [encodedAccount, nonce, signature, ...rest] = value?.split(".") ?? [];
  if (!encodedAccount || !nonce || !signature || rest.length > 0) return null;
  const account = Buffer.from(encodedAccount, "base64url").toString();
  if (account !== email.trim().toLowerCase()) return null;
  const expected = Buffer.from(signatureOf(account, nonce));
  const given = Buffer.from(signature);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? nonce : null;
}

/** Sets the device cookie on the response of the sign-in request that just succeeded. */
export async function rememberDevice(email: string): Promise<void> {
  const appUrl = getConfig().appUrl;
  (await cookies()).set(deviceCookieName(appUrl), createDeviceCookieValue(email), {
    httpOnly: true,
    sameSite: "lax",
    secure: appUrl.startsWith("https://"),
    path: "/",
    maxAge: MAX_AGE_SECONDS,
  });
}
