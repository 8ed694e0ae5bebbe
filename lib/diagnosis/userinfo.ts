/** Userinfo: calling the userinfo endpoint with the new access token (OIDC Core §5.3). */
import type { Catalogue } from "@/lib/diagnosis/diagnosis";

export const USERINFO_DIAGNOSES = {
  userinfo_unauthorized: {
    code: "userinfo_unauthorized",
    title: "Userinfo refused the access token",
    cause: (facts: { status: string; error: string }) =>
      `The userinfo endpoint answered ${facts.status} with a WWW-Authenticate challenge${facts.error ? ` (${facts.error})` : ""}: the token is not valid there (expired, wrong audience, or missing the openid scope).`,
    fix: "Request the openid scope and do not set a resource or audience for a token meant for userinfo.",
  },
} satisfies Catalogue;
