/**
 * "Test sign-in settings": the IdP's discovery document is reachable and names this issuer (the
 * connection test's discovery, lib/oauth/discover-metadata.ts), and its token endpoint accepts
 * the client ID and secret (lib/oauth/client-auth-probe.ts). Only a passed test lets an admin
 * switch single sign-on on (lib/auth/sso-settings.ts), so a typo cannot lock everyone out.
 */
import { getConfig } from "@/lib/config/env";
import { discoverMetadata } from "@/lib/oauth/discover-metadata";
import { probeClientSecretBasic } from "@/lib/oauth/client-auth-probe";
import { markSsoTested, openSsoClientSecret, readSsoSettings } from "@/lib/auth/sso-settings";
import { prisma as db } from "@/lib/db/prisma";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { ApplicationError } from "@/lib/errors/application-error";

export type SsoTestStep = { name: string; passed: boolean; message: string };
export type SsoTestResult = { passed: boolean; steps: SsoTestStep[] };

/** The redirect URI to register at the IdP: next-auth's callback of the "sso" provider. */
export function ssoRedirectUri(): string {
  return new URL("/api/auth/callback/sso", getConfig().appUrl).href;
}

export async function testSsoSettings(actor: AuditActor): Promise<SsoTestResult> {
  const settings = await readSsoSettings();
  const secret = await openSsoClientSecret();
  if (!settings || !secret) throw new ApplicationError("Save the sign-in settings first.");
  const steps: SsoTestStep[] = [];

  const discovery = await discoverMetadata(settings.issuer);
  if (!discovery.ok) {
    steps.push({ name: "Discovery", passed: false, message: discovery.message });
  } else {
    const logout = discovery.metadata.end_session_endpoint ? " It offers sign-out at the IdP." : "";
    steps.push({ name: "Discovery", passed: true, message: `Read ${discovery.url}.${logout}` });
    const probe = await probeClientSecretBasic(discovery.metadata, {
      clientId: settings.clientId,
      clientSecret: secret,
      redirectUri: ssoRedirectUri(),
    });
    steps.push(
      probe.accepted
        ? { name: "Client authentication", passed: true, message: "The token endpoint accepted the client." }
        : { name: "Client authentication", passed: false, message: probe.problem },
    );
  }

  const passed = steps.every((s) => s.passed) && steps.length === 2;
  if (passed) await markSsoTested(settings);
  await db.$transaction((tx) =>
    recordAuditEvent(tx, {
      actor,
      action: "auth.sso_settings_tested",
      details: {
        issuer: settings.issuer,
        outcome: passed ? "passed" : "failed",
        ...(passed ? {} : { problem: steps.find((s) => !s.passed)!.message.slice(0, 300) }),
      },
    }),
  );
  return { passed, steps };
}
