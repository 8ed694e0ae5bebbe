/**
 * Single sign-on for automated deployments (#25): when SSO_ISSUER is set, the SSO_* variables
 * replace the Sign-in settings page. Part of the environment lib/config/env.ts reads.
 */
import { z } from "zod";
import { booleanFlag, listOf } from "@/lib/config/env-values";

export const SSO_ENV_SHAPE = {
  SSO_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  SSO_CLIENT_ID: z.string().min(1).optional(),
  SSO_CLIENT_SECRET: z.string().min(1).optional(),
  SSO_SCOPES: z.string().default("openid email profile"),
  SSO_BUTTON_LABEL: z.string().min(1).max(60).default("company sign-in"),
  SSO_ROLE_CLAIM: z.string().min(1).default("groups"),
  SSO_ADMIN_VALUES: z.string().default(""),
  SSO_AUDITOR_VALUES: z.string().default(""),
  SSO_ALLOWED_DOMAINS: z.string().default(""),
  SSO_ENABLED: booleanFlag,
  SSO_LOCAL_SIGN_IN_OFF: booleanFlag,
  SSO_BREAK_GLASS_EMAILS: z.string().default(""),
};

/** What single sign-on connects to and who gets which role; the client secret is kept apart. */
export type SsoConfiguration = {
  issuer: string;
  clientId: string;
  scopes: string;
  buttonLabel: string;
  roleClaim: string;
  adminValues: string[];
  auditorValues: string[];
  allowedDomains: string[];
};

export type SsoSwitch = { enabled: boolean; localSignInOff: boolean; breakGlassEmails: string[] };

export type EnvSso = SsoConfiguration & SsoSwitch & { clientSecret: string };

export function ssoFromEnv(e: z.infer<z.ZodObject<typeof SSO_ENV_SHAPE>>): EnvSso | undefined {
  if (!e.SSO_ISSUER) return undefined;
  if (!e.SSO_CLIENT_ID || !e.SSO_CLIENT_SECRET) throw new Error("SSO_ISSUER needs SSO_CLIENT_ID and SSO_CLIENT_SECRET");
  return {
    issuer: e.SSO_ISSUER,
    clientId: e.SSO_CLIENT_ID,
    clientSecret: e.SSO_CLIENT_SECRET,
    scopes: e.SSO_SCOPES,
    buttonLabel: e.SSO_BUTTON_LABEL,
    roleClaim: e.SSO_ROLE_CLAIM,
    adminValues: listOf(e.SSO_ADMIN_VALUES),
    auditorValues: listOf(e.SSO_AUDITOR_VALUES),
    allowedDomains: listOf(e.SSO_ALLOWED_DOMAINS).map((d) => d.toLowerCase()),
    enabled: e.SSO_ENABLED,
    localSignInOff: e.SSO_LOCAL_SIGN_IN_OFF,
    breakGlassEmails: listOf(e.SSO_BREAK_GLASS_EMAILS).map((m) => m.toLowerCase()),
  };
}
