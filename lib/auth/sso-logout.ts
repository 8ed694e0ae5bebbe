/**
 * Sign-out at the IdP too (OpenID Connect RP-Initiated Logout 1.0 §2): when the IdP's discovery
 * offers an end_session_endpoint and the session came from single sign-on, the browser goes there
 * with the ID token as id_token_hint and comes back to the sign-in page (post_logout_redirect_uri,
 * registered at the IdP). The ID token stays in the encrypted session cookie, read here on the server.
 */
import { cookies } from "next/headers";
import { decode } from "next-auth/jwt";
import { getConfig } from "@/lib/config/env";
import { readActiveSsoSettings } from "@/lib/auth/sso-settings";
import { discoverSsoIssuer } from "@/lib/auth/sso-provider";

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/** The IdP's logout URL for this ID token, or null when SSO is off or the IdP offers none. */
export async function idpSignOutUrl(idToken: string | undefined): Promise<string | null> {
  if (!idToken) return null;
  const settings = await readActiveSsoSettings();
  const endpoint = settings && (await discoverSsoIssuer(settings.issuer))?.end_session_endpoint;
  if (!settings || !endpoint) return null;
  const url = new URL(endpoint);
  url.searchParams.set("id_token_hint", idToken);
  url.searchParams.set("post_logout_redirect_uri", new URL("/login", getConfig().appUrl).href);
  url.searchParams.set("client_id", settings.clientId);
  return url.href;
}

/** The logout URL for the session cookie of this request. */
export async function idpSignOutUrlOfSession(): Promise<string | null> {
  const store = await cookies();
  const raw = SESSION_COOKIES.map((name) => store.get(name)?.value).find(Boolean);
  if (!raw) return null;
  const token = await decode({ token: raw, secret: getConfig().nextauthSecret }).catch(() => null);
  return idpSignOutUrl(token?.idToken);
}
