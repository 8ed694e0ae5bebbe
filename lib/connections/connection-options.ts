/** The choices a connection offers, with the words the console shows for them. */
import {
  CLIENT_AUTH_METHODS,
  clientAuthLabel,
  type ClientAuthMethod,
} from "@/lib/oauth/client-auth/client-auth-methods";
import type { ParMode } from "@/lib/oauth/client-profile";
import { labelledChoices } from "@/lib/schemas/labelled-choices";

export const { values: GRANT_TYPES, labels: GRANT_TYPE_LABELS } = labelledChoices({
  client_credentials: "Client Credentials",
  authorization_code: "Authorization Code",
  authorization_code_pkce: "Authorization Code with PKCE",
});
export type GrantType = (typeof GRANT_TYPES)[number];

export const GRANT_TYPE_DESCRIPTIONS: Record<GrantType, string> = {
  client_credentials:
    "Machine-to-machine: the application signs in as itself with its own credentials. No user is involved.",
  authorization_code:
    "A user signs in at the provider and Handshake, a confidential client, exchanges the code using its client secret.",
  authorization_code_pkce:
    "A user signs in at the provider, with a proof key (RFC 7636) binding the code to this request. Works when a secret cannot be kept safe, and is recommended for every code flow.",
};

export const PKCE_METHODS = ["S256", "plain"] as const;

/** Client authentication methods: each is defined once in lib/oauth/client-auth/ (its registry). */
export const CLIENT_AUTH_METHOD_LABELS = Object.fromEntries(
  CLIENT_AUTH_METHODS.map((method) => [method, clientAuthLabel(method)]),
) as Record<ClientAuthMethod, string>;

/** Methods the optional API check may use. */
/** When the authorization request is pushed to the PAR endpoint first (RFC 9126). */
export const PAR_MODES = ["OFF", "WHEN_REQUIRED", "ALWAYS"] as const satisfies readonly ParMode[];
export const PAR_MODE_LABELS: Record<ParMode, string> = {
  OFF: "Off",
  WHEN_REQUIRED: "When the provider requires it",
  ALWAYS: "Always",
};

export const API_CHECK_METHODS = ["GET", "POST", "HEAD"] as const;

/** How often a client-credentials connection is tested in the background (#24). */
export const CHECK_SCHEDULES = ["off", "hourly", "daily"] as const;
export type CheckSchedule = (typeof CHECK_SCHEDULES)[number];
export const CHECK_SCHEDULE_LABELS: Record<CheckSchedule, string> = { off: "Off", hourly: "Hourly", daily: "Daily" };

export const TOKEN_SHARING = ["SHARED", "PER_USER"] as const;
type TokenSharing = (typeof TOKEN_SHARING)[number];

export const TOKEN_SHARING_LABELS: Record<TokenSharing, string> = { SHARED: "Shared", PER_USER: "Per user" };

export const TOKEN_SHARING_DESCRIPTIONS: Record<TokenSharing, string> = {
  SHARED: "One stored token set is used for everyone: the connection's saved login credentials.",
  PER_USER: "Each user authorizes their own account and gets their own tokens.",
};

/**
 * Parameters the protocol itself sets; additional parameters may not override them.
 * @see RFC 6749 §4.1.1, §4.1.3, §4.4.2; RFC 7636 §4.3; OpenID Connect Core §3.1.2.1
 */
export const RESERVED_PARAMETERS = [
  "state",
  "nonce",
  "code_challenge",
  "code_challenge_method",
  "code_verifier",
  "redirect_uri",
  "client_id",
  "client_secret",
  "response_type",
  "grant_type",
  "code",
  "scope",
  "resource",
  "audience",
] as const;

export function isGrantType(value: string): value is GrantType {
  return (GRANT_TYPES as readonly string[]).includes(value);
}

export function usesAuthorizationCode(grantType: string): boolean {
  return grantType === "authorization_code" || grantType === "authorization_code_pkce";
}
