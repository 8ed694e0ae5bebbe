"use server";

import { auditActorFor } from "@/lib/auth/session";
import { confirmTotpEnrolment, removeTotp, startTotpEnrolment, type TotpEnrolment } from "@/lib/auth/totp-enrolment";
import { ok, parseInput, runAction, type ActionResult } from "@/lib/actions/action-result";
import {
  confirmTotpSchema,
  passkeyIdSchema,
  passkeyRegistrationSchema,
  type ConfirmTotpInput,
} from "@/lib/schemas/auth";
import { finishPasskeyRegistration, removePasskey, startPasskeyRegistration } from "@/lib/auth/passkeys";
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from "@simplewebauthn/server";

// Each works for a user who must add a second factor before anything else (lib/auth/session.ts).
const ENROLMENT = { secondFactorEnrolment: true } as const;

/** A new secret for the signed-in user, shown this once for the app to scan or type in. */
export async function startTotpEnrolmentAction(): Promise<ActionResult<TotpEnrolment>> {
  return runAction("AUDITOR", async (user) => ok(await startTotpEnrolment(user)), ENROLMENT);
}

/** Turns the app on with a code it shows; the recovery codes come back this once. */
export async function confirmTotpEnrolmentAction(
  input: ConfirmTotpInput,
): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  return runAction(
    "AUDITOR",
    async (user) => {
      const { code } = parseInput(confirmTotpSchema, input);
      return ok(await confirmTotpEnrolment(user, await auditActorFor(user), code));
    },
    ENROLMENT,
  );
}

export async function removeTotpAction(): Promise<ActionResult> {
  return runAction(
    "AUDITOR",
    async (user) => {
      await removeTotp(user, await auditActorFor(user));
      return ok(undefined, "Authenticator app removed.");
    },
    ENROLMENT,
  );
}

/** The options the browser creates a passkey with; the challenge is kept for the answer. */
export async function startPasskeyRegistrationAction(): Promise<ActionResult<PublicKeyCredentialCreationOptionsJSON>> {
  return runAction("AUDITOR", async (user) => ok(await startPasskeyRegistration(user)), ENROLMENT);
}

export async function finishPasskeyRegistrationAction(input: unknown): Promise<ActionResult> {
  return runAction(
    "AUDITOR",
    async (user) => {
      const response = parseInput(passkeyRegistrationSchema, input, "The passkey's answer was not understood.");
      await finishPasskeyRegistration(user, await auditActorFor(user), response as RegistrationResponseJSON);
      return ok(undefined, "Passkey added.");
    },
    ENROLMENT,
  );
}

export async function removePasskeyAction(input: { passkeyId: string }): Promise<ActionResult> {
  return runAction(
    "AUDITOR",
    async (user) => {
      const { passkeyId } = parseInput(passkeyIdSchema, input, "That passkey does not exist.");
      await removePasskey(user, await auditActorFor(user), passkeyId);
      return ok(undefined, "Passkey removed.");
    },
    ENROLMENT,
  );
}
