/**
 * Signs in over plain HTTP, the way a script (or an attacker) would: next-auth's CSRF token, then
 * the credentials callback. The request context keeps the session cookie for later calls.
 */
import type { APIRequestContext } from "@playwright/test";
import type { Credentials } from "./auth";
import { E2E } from "../support/env";

export type HttpSignInResult = { ok: true } | { ok: false; error: string };

export async function signInOverHttp(
  request: APIRequestContext,
  credentials: Credentials,
  headers: Record<string, string> = {},
  baseUrl: string = E2E.appUrl,
): Promise<HttpSignInResult> {
  const csrf = await request.get(`${baseUrl}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await request.post(`${baseUrl}/api/auth/callback/credentials`, {
    headers: { ...headers, origin: baseUrl },
    form: { ...credentials, csrfToken, callbackUrl: `${baseUrl}/connections`, json: "true" },
    maxRedirects: 0,
  });
  const { url } = (await response.json()) as { url: string };
  const error = new URL(url, baseUrl).searchParams.get("error");
  return error === null ? { ok: true } : { ok: false, error };
}
