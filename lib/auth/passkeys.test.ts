/**
 * Passkeys' refusals against a real database (SQLite here, PostgreSQL through
 * `npm run test:unit:postgres`): challenges are the user's own and used once, a made-up assertion
 * or registration is refused and audited. A real authenticator's success is the browser story's
 * (Chromium's virtual authenticator, e2e/auth/sign-in.spec.ts).
 */
import { describe, expect, it } from "vitest";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { openSuiteDatabase } from "@/lib/testing/suite-database";
import { SYSTEM_ACTOR } from "@/lib/audit/record-audit-event";
import { secondFactorChallengeOf } from "@/lib/auth/second-factor-messages";

const t = openSuiteDatabase({
  passkeys: () => import("@/lib/auth/passkeys"),
  signIn: () => import("@/lib/auth/second-factor-sign-in"),
  users: () => import("@/lib/users/manage-users"),
});

let counter = 0;
async function userWithPasskey() {
  counter += 1;
  const user = await t.users.createUser(SYSTEM_ACTOR, { email: `passkey-${counter}@example.test`, role: "AUDITOR" });
  await t.db.passkey.create({ data: { userId: user.id, credentialId: `cred-${counter}`, publicKey: "AAAA" } });
  return { user, credentialId: `cred-${counter}` };
}

function assertionOver(challenge: string, credentialId: string) {
  const clientDataJSON = Buffer.from(
    JSON.stringify({ type: "webauthn.get", challenge, origin: "http://localhost" }),
  ).toString("base64url");
  return {
    id: credentialId,
    rawId: credentialId,
    type: "public-key",
    response: { clientDataJSON, authenticatorData: "AAAA", signature: "AAAA" },
    clientExtensionResults: {},
  };
}

const actor = { id: null, email: "x", role: null, ip: "10.0.0.9", userAgent: "vitest" };

describe("a passkey sign-in", () => {
  it("after the password, offers the user's own passkeys with a fresh challenge", async () => {
    const { user, credentialId } = await userWithPasskey();
    const error = await t.signIn.checkSecondFactor(user, { code: "", passkey: "" }, actor).then(
      () => null,
      (e: Error) => e.message,
    );
    const challenge = secondFactorChallengeOf(error);
    expect(challenge?.totp).toBe(false);
    expect(challenge?.passkey?.allowCredentials?.map((c) => c.id)).toEqual([credentialId]);
    expect(await t.db.webAuthnChallenge.count({ where: { userId: user.id, purpose: "authentication" } })).toBe(1);
  });

  it("refuses a made-up assertion, uses its challenge up, and audits the refusal", async () => {
    const { user, credentialId } = await userWithPasskey();
    const options = await t.passkeys.startPasskeySignIn(user.id);
    const assertion = JSON.stringify(assertionOver(options!.challenge, credentialId));
    await expect(t.signIn.checkSecondFactor(user, { code: "", passkey: assertion }, actor)).rejects.toThrow(
      /passkey was not accepted/,
    );
    expect(await t.db.webAuthnChallenge.count({ where: { userId: user.id } })).toBe(0);
    const refusals = await t.db.auditEvent.findMany({
      where: { targetId: user.id, action: "auth.second_factor_failed" },
    });
    expect(refusals.map((e) => JSON.parse(e.details).method)).toEqual(["passkey"]);
  });

  it("never takes another user's challenge, nor an unknown one", async () => {
    const first = await userWithPasskey();
    const second = await userWithPasskey();
    const options = await t.passkeys.startPasskeySignIn(first.user.id);
    expect(
      await t.passkeys.verifyPasskeySignIn(
        second.user.id,
        assertionOver(options!.challenge, second.credentialId) as never,
      ),
    ).toBe(false);
    expect(await t.db.webAuthnChallenge.count({ where: { userId: first.user.id } })).toBe(1);
    expect(
      await t.passkeys.verifyPasskeySignIn(first.user.id, assertionOver("not-issued", first.credentialId) as never),
    ).toBe(false);
  });
});

describe("adding a passkey", () => {
  it("excludes the passkeys the user has, and refuses a made-up registration", async () => {
    const { user, credentialId } = await userWithPasskey();
    const options = await t.passkeys.startPasskeyRegistration(user);
    expect(options.excludeCredentials?.map((c) => c.id)).toEqual([credentialId]);
    const response = {
      id: "new",
      rawId: "new",
      type: "public-key",
      response: {
        clientDataJSON: Buffer.from(JSON.stringify({ type: "webauthn.create", challenge: options.challenge })).toString(
          "base64url",
        ),
        attestationObject: "AAAA",
      },
      clientExtensionResults: {},
    } as RegistrationResponseJSON;
    await expect(t.passkeys.finishPasskeyRegistration(user, SYSTEM_ACTOR, response)).rejects.toThrow(
      /could not be verified/,
    );
    expect(await t.db.passkey.count({ where: { userId: user.id } })).toBe(1);
  });
});
