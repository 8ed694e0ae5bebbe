/**
 * Passkeys (WebAuthn Level 3) as a second factor of a local account, with @simplewebauthn/server.
 * The relying party is the console's public URL (APP_URL): its host is the RP ID and its origin
 * the only accepted origin (WebAuthn §7.1 steps 9 and 15), so a passkey works only where it was
 * made. Each challenge is stored for five minutes and used once.
 */
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { prisma as db } from "@/lib/db/prisma";
import { getConfig } from "@/lib/config/env";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { ApplicationError } from "@/lib/errors/application-error";

type Account = { id: string; email: string };
type Purpose = "registration" | "authentication";

const CHALLENGE_TTL_MS = 5 * 60_000;

function relyingParty() {
  const url = new URL(getConfig().appUrl);
  return { rpID: url.hostname, origin: url.origin };
}

export type PasskeySummary = { id: string; createdAt: Date; lastUsedAt: Date | null };

export function passkeysOf(userId: string): Promise<PasskeySummary[]> {
  return db.passkey.findMany({
    where: { userId },
    select: { id: true, createdAt: true, lastUsedAt: true },
    orderBy: { createdAt: "asc" },
  });
}

async function storeChallenge(userId: string, purpose: Purpose, challenge: string, now = new Date()): Promise<void> {
  await db.webAuthnChallenge.deleteMany({ where: { expiresAt: { lt: now } } });
  await db.webAuthnChallenge.create({
    data: { userId, purpose, challenge, expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS) },
  });
}

/** The challenge the browser signed, if it is one this user was given for this purpose, unexpired; used up. */
async function takeChallenge(userId: string, purpose: Purpose, clientDataJSON: string, now = new Date()) {
  let challenge: unknown;
  try {
    challenge = (JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8")) as { challenge?: unknown })
      .challenge;
  } catch {
    return null;
  }
  if (typeof challenge !== "string") return null;
  const { count } = await db.webAuthnChallenge.deleteMany({
    where: { userId, purpose, challenge, expiresAt: { gt: now } },
  });
  return count === 1 ? challenge : null;
}

/**
 * What a ceremony's response is verified against: the challenge it signed (one this user was given
 * for this purpose, used up here), this console's origin and RP ID; null when the challenge is not.
 */
async function expectationsFor<Response extends { response: { clientDataJSON: string } }>(
  userId: string,
  purpose: Purpose,
  response: Response,
) {
  const expectedChallenge = await takeChallenge(userId, purpose, response.response.clientDataJSON);
  if (!expectedChallenge) return null;
  const { rpID, origin } = relyingParty();
  return { response, expectedChallenge, expectedOrigin: origin, expectedRPID: rpID, requireUserVerification: false };
}

export async function startPasskeyRegistration(account: Account): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { rpID } = relyingParty();
  const existing = await db.passkey.findMany({ where: { userId: account.id } });
  const options = await generateRegistrationOptions({
    rpName: "Handshake",
    rpID,
    userName: account.email,
    userID: new TextEncoder().encode(account.id),
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports?.split(",") })),
    authenticatorSelection: { residentKey: "discouraged", userVerification: "preferred" },
  });
  await storeChallenge(account.id, "registration", options.challenge);
  return options;
}

const NOT_VERIFIED = "The passkey could not be verified. Try adding it again.";

export async function finishPasskeyRegistration(
  account: Account,
  actor: AuditActor,
  response: RegistrationResponseJSON,
): Promise<void> {
  const expected = await expectationsFor(account.id, "registration", response);
  if (!expected) throw new ApplicationError(NOT_VERIFIED);
  const verification = await verifyRegistrationResponse(expected).catch(() => null);
  if (!verification?.verified) throw new ApplicationError(NOT_VERIFIED);
  const { credential } = verification.registrationInfo;
  await db.$transaction(async (tx) => {
    await tx.passkey.create({
      data: {
        userId: account.id,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString("base64url"),
        counter: credential.counter,
        transports: credential.transports?.join(",") ?? null,
      },
    });
    await recordAuditEvent(tx, {
      actor,
      action: "auth.second_factor_enrolled",
      target: { type: "user", id: account.id, name: account.email },
      details: { method: "passkey" },
    });
  });
}

export async function removePasskey(account: Account, actor: AuditActor, passkeyId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.passkey.deleteMany({ where: { id: passkeyId, userId: account.id } });
    if (count === 0) throw new ApplicationError("That passkey was already removed.");
    await recordAuditEvent(tx, {
      actor,
      action: "auth.second_factor_removed",
      target: { type: "user", id: account.id, name: account.email },
      details: { method: "passkey" },
    });
  });
}

/** After a right password: the options the browser asks the passkey with, or null without passkeys. */
export async function startPasskeySignIn(userId: string): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const passkeys = await db.passkey.findMany({ where: { userId } });
  if (passkeys.length === 0) return null;
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: p.transports?.split(",") })),
    userVerification: "preferred",
  });
  await storeChallenge(userId, "authentication", options.challenge);
  return options;
}

/** Whether the assertion is from one of the user's passkeys over a challenge they were given (used up). */
export async function verifyPasskeySignIn(userId: string, response: AuthenticationResponseJSON): Promise<boolean> {
  const passkey = await db.passkey.findFirst({ where: { userId, credentialId: response.id } });
  if (!passkey) return false;
  const expected = await expectationsFor(userId, "authentication", response);
  if (!expected) return false;
  const verification = await verifyAuthenticationResponse({
    ...expected,
    credential: {
      id: passkey.credentialId,
      publicKey: new Uint8Array(Buffer.from(passkey.publicKey, "base64url")),
      counter: passkey.counter,
      transports: passkey.transports?.split(",") as never,
    },
  }).catch(() => null);
  if (!verification?.verified) return false;
  await db.passkey.update({
    where: { id: passkey.id },
    data: { counter: verification.authenticationInfo.newCounter, lastUsedAt: new Date() },
  });
  return true;
}
