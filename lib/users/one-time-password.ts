import crypto from "node:crypto";

/** A readable random password handed to a new user once; they must change it at first sign-in. */
export function generateOneTimePassword(): string {
  return crypto.randomBytes(15).toString("base64url").replace(/[-_]/g, "x");
}
