"use server";

import { revalidatePath } from "next/cache";
import { auditActorFor } from "@/lib/auth/session";
import { ok, parseInput, runAction, type ActionResult } from "@/lib/actions/action-result";
import {
  splitList,
  ssoSettingsSchema,
  ssoSwitchSchema,
  type SsoSettingsInput,
  type SsoSwitchInput,
} from "@/lib/schemas/sso";
import { saveSsoConfiguration, setSsoSwitch } from "@/lib/auth/sso-settings";
import { testSsoSettings, type SsoTestResult } from "@/lib/auth/sso-test";

export async function saveSsoSettingsAction(input: SsoSettingsInput): Promise<ActionResult> {
  return runAction("ADMIN", async (user) => {
    const values = parseInput(ssoSettingsSchema, input);
    await saveSsoConfiguration(await auditActorFor(user), {
      issuer: values.issuer.replace(/\/+$/, ""),
      clientId: values.clientId,
      clientSecret: values.clientSecret,
      scopes: values.scopes.split(/\s+/).join(" "),
      buttonLabel: values.buttonLabel,
      roleClaim: values.roleClaim,
      adminValues: splitList(values.adminValues),
      auditorValues: splitList(values.auditorValues),
      allowedDomains: splitList(values.allowedDomains).map((d) => d.toLowerCase()),
    });
    revalidatePath("/sign-in-settings");
    return ok(undefined, "Sign-in settings saved. Test them before switching single sign-on on.");
  });
}

export async function testSsoSettingsAction(): Promise<ActionResult<SsoTestResult>> {
  return runAction("ADMIN", async (user) => {
    const result = await testSsoSettings(await auditActorFor(user));
    revalidatePath("/sign-in-settings");
    return ok(result);
  });
}

export async function setSsoSwitchAction(input: SsoSwitchInput): Promise<ActionResult> {
  return runAction("ADMIN", async (user) => {
    const values = parseInput(ssoSwitchSchema, input);
    await setSsoSwitch(await auditActorFor(user), {
      enabled: values.enabled,
      localSignInOff: values.localSignInOff,
      breakGlassEmails: splitList(values.breakGlassEmails).map((e) => e.toLowerCase()),
    });
    revalidatePath("/sign-in-settings");
    return ok(undefined, values.enabled ? "Single sign-on is on." : "Single sign-on is off.");
  });
}
