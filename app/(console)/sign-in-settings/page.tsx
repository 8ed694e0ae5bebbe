import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { SsoSettingsForm } from "@/components/auth/sso-settings-form";
import { SsoSwitchForm } from "@/components/auth/sso-switch-form";
import { requirePageUser } from "@/lib/auth/session";
import { readSsoSettings } from "@/lib/auth/sso-settings";
import { ssoRedirectUri } from "@/lib/auth/sso-test";

export const metadata: Metadata = { title: "Sign-in settings" };

export default async function SignInSettingsPage() {
  await requirePageUser("ADMIN");
  const settings = await readSsoSettings();
  const readOnly = settings?.source === "environment";
  return (
    <>
      <PageHeader
        title="Sign-in settings"
        description="Single sign-on through your company's identity provider (OpenID Connect): roles come from a claim such as groups."
      />
      <p className="mb-4 text-sm">
        Register this redirect URI at the IdP: <code className="break-all">{ssoRedirectUri()}</code>
      </p>
      {readOnly && (
        <p className="mb-4 text-sm text-muted-foreground">Set by SSO_* environment variables: change them there.</p>
      )}
      <SsoSettingsForm
        readOnly={readOnly}
        hasClientSecret={settings?.hasClientSecret ?? false}
        values={{
          issuer: settings?.issuer ?? "",
          clientId: settings?.clientId ?? "",
          clientSecret: "",
          scopes: settings?.scopes ?? "openid email profile",
          buttonLabel: settings?.buttonLabel ?? "company sign-in",
          roleClaim: settings?.roleClaim ?? "groups",
          adminValues: settings?.adminValues.join(", ") ?? "",
          auditorValues: settings?.auditorValues.join(", ") ?? "",
          allowedDomains: settings?.allowedDomains.join(", ") ?? "",
        }}
      />
      {settings && (
        <SsoSwitchForm
          readOnly={readOnly}
          tested={settings.tested}
          values={{
            enabled: settings.enabled,
            localSignInOff: settings.localSignInOff,
            breakGlassEmails: settings.breakGlassEmails.join(", "),
          }}
        />
      )}
    </>
  );
}
