/**
 * The console's own single sign-on (OpenID Connect) settings: from SSO_* environment variables
 * (lib/config/env.ts) or, without them, from Setting rows an admin writes on the Sign-in settings
 * page. The client secret is sealed (lib/crypto/secret-box.ts) in its own row and never read back
 * to a page. A change of issuer, client ID or secret clears the passed test and switches SSO off,
 * so it is tested again before anyone depends on it.
 */
import crypto from "node:crypto";
import { getConfig } from "@/lib/config/env";
import type { SsoConfiguration, SsoSwitch } from "@/lib/config/sso-env";
import { prisma as db } from "@/lib/db/prisma";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { fromTo } from "@/lib/audit/diff";
import { ApplicationError } from "@/lib/errors/application-error";

const SETTINGS_KEY = "auth.sso";
const SECRET_KEY = "auth.sso.clientSecret";
const SECRET_CONTEXT = { recordId: SETTINGS_KEY, field: "clientSecret" };

export type SsoSettings = SsoConfiguration &
  SsoSwitch & {
    source: "console" | "environment";
    hasClientSecret: boolean;
    /** A test passed with the current issuer, client ID and secret. */
    tested: boolean;
  };

type StoredSettings = SsoConfiguration & SsoSwitch & { testedFingerprint: string | null };

async function readStored(): Promise<{ stored: StoredSettings | null; sealedSecret: string | null }> {
  const rows = await db.setting.findMany({ where: { key: { in: [SETTINGS_KEY, SECRET_KEY] } } });
  const json = rows.find((r) => r.key === SETTINGS_KEY)?.value;
  return {
    stored: json ? (JSON.parse(json) as StoredSettings) : null,
    sealedSecret: rows.find((r) => r.key === SECRET_KEY)?.value ?? null,
  };
}

/** Binds a passed test to what it ran with: issuer, client ID and the sealed secret. */
function fingerprintOf(issuer: string, clientId: string, sealedSecret: string | null): string {
  return crypto
    .createHash("sha256")
    .update(`${issuer}\n${clientId}\n${sealedSecret ?? ""}`)
    .digest("hex");
}

/** The settings in force, or null when single sign-on was never configured. */
export async function readSsoSettings(): Promise<SsoSettings | null> {
  const env = getConfig().sso;
  if (env) {
    const { clientSecret, ...rest } = env;
    return { ...rest, source: "environment", hasClientSecret: clientSecret.length > 0, tested: true };
  }
  const { stored, sealedSecret } = await readStored();
  if (!stored) return null;
  const { testedFingerprint, ...rest } = stored;
  return {
    ...rest,
    source: "console",
    hasClientSecret: sealedSecret !== null,
    tested: testedFingerprint === fingerprintOf(stored.issuer, stored.clientId, sealedSecret),
  };
}

/** The settings of a sign-in through the IdP: only when switched on. */
export async function readActiveSsoSettings(): Promise<SsoSettings | null> {
  const settings = await readSsoSettings();
  return settings?.enabled && settings.hasClientSecret ? settings : null;
}

/** The opened client secret, for the IdP's token endpoint only. */
export async function openSsoClientSecret(): Promise<string | null> {
  const env = getConfig().sso;
  if (env) return env.clientSecret;
  const { sealedSecret } = await readStored();
  return sealedSecret ? decryptSecret(sealedSecret, SECRET_CONTEXT) : null;
}

function assertConsoleManaged(): void {
  if (getConfig().sso)
    throw new ApplicationError("Single sign-on is set by SSO_* environment variables: change it there.");
}

/** Saves the settings; an empty `clientSecret` keeps the stored one. Audited with what changed, the secret as a fact. */
export async function saveSsoConfiguration(
  actor: AuditActor,
  input: SsoConfiguration & { clientSecret: string },
): Promise<void> {
  assertConsoleManaged();
  const { clientSecret, ...configuration } = input;
  const { stored, sealedSecret } = await readStored();
  if (!clientSecret && !sealedSecret)
    throw new ApplicationError("Enter the client secret the IdP issued.", "rule", "clientSecret");
  const nextSecret = clientSecret ? encryptSecret(clientSecret, SECRET_CONTEXT) : sealedSecret;

  const diff: Record<string, { from: unknown; to: unknown } | { changed: true; secret: true }> = {};
  for (const key of Object.keys(configuration) as (keyof SsoConfiguration)[]) {
    const from = stored?.[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(configuration[key])) diff[key] = { from, to: configuration[key] };
  }
  if (clientSecret) diff.clientSecret = { changed: true, secret: true };
  if (Object.keys(diff).length === 0) return;

  const sameClient =
    stored && !clientSecret && stored.issuer === configuration.issuer && stored.clientId === configuration.clientId;
  const next: StoredSettings = {
    ...configuration,
    enabled: sameClient ? stored.enabled : false,
    localSignInOff: sameClient ? stored.localSignInOff : false,
    breakGlassEmails: stored?.breakGlassEmails ?? [],
    testedFingerprint: sameClient ? stored.testedFingerprint : null,
  };
  await db.$transaction(async (tx) => {
    await tx.setting.upsert({
      where: { key: SETTINGS_KEY },
      create: { key: SETTINGS_KEY, value: JSON.stringify(next) },
      update: { value: JSON.stringify(next) },
    });
    if (nextSecret !== sealedSecret)
      await tx.setting.upsert({
        where: { key: SECRET_KEY },
        create: { key: SECRET_KEY, value: nextSecret! },
        update: { value: nextSecret! },
      });
    await recordAuditEvent(tx, { actor, action: "auth.sso_settings_changed", details: { diff } });
  });
}

/** Marks the stored settings tested, when they are still the ones the test ran with. */
export async function markSsoTested(tested: { issuer: string; clientId: string }): Promise<void> {
  if (getConfig().sso) return;
  const { stored, sealedSecret } = await readStored();
  if (!stored || stored.issuer !== tested.issuer || stored.clientId !== tested.clientId) return;
  const next = { ...stored, testedFingerprint: fingerprintOf(stored.issuer, stored.clientId, sealedSecret) };
  await db.setting.update({ where: { key: SETTINGS_KEY }, data: { value: JSON.stringify(next) } });
}

/** Switches SSO and local sign-in; SSO goes on only after a passed test, local sign-in off only with SSO on. */
export async function setSsoSwitch(actor: AuditActor, wanted: SsoSwitch): Promise<void> {
  assertConsoleManaged();
  const settings = await readSsoSettings();
  const { stored } = await readStored();
  if (!settings || !stored) throw new ApplicationError("Save the sign-in settings first.");
  if (wanted.enabled && !settings.tested)
    throw new ApplicationError("Test the sign-in settings first: they switch on only after a passed test.");
  if (wanted.localSignInOff && !wanted.enabled)
    throw new ApplicationError(
      "Local sign-in can be turned off only while single sign-on is on.",
      "rule",
      "localSignInOff",
    );
  if (wanted.localSignInOff && wanted.breakGlassEmails.length === 0)
    throw new ApplicationError(
      "Name at least one break-glass account that keeps local sign-in.",
      "rule",
      "breakGlassEmails",
    );
  const next = { ...stored, ...wanted };
  await db.$transaction(async (tx) => {
    await tx.setting.update({ where: { key: SETTINGS_KEY }, data: { value: JSON.stringify(next) } });
    await recordAuditEvent(tx, {
      actor,
      action: "auth.sso_switched",
      details: { ...fromTo(stored, wanted, ["enabled", "localSignInOff"]), breakGlassEmails: wanted.breakGlassEmails },
    });
  });
}

/** Whether local sign-in is refused for this e-mail: SSO on, local sign-in off, not a break-glass account. */
export async function isLocalSignInRefused(email: string): Promise<boolean> {
  const settings = await readActiveSsoSettings();
  return !!settings?.localSignInOff && !settings.breakGlassEmails.includes(email.toLowerCase());
}
