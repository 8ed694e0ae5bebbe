/**
 * A 400, 401 or 403 from the token endpoint with an empty or non-JSON body: the provider refused
 * the request without saying why. Many servers answer a wrong secret, an unexpected client
 * authentication encoding, a missing scope and a disabled grant all the same way, so the causes
 * are listed in the order they turn out to be the problem. HTML is not this case: a web page
 * means a wrong URL, a proxy or a login page (see diagnose-error's html_response).
 */
import type { Diagnosis } from "@/lib/connection-tests/diagnosis/diagnose-error";

export const REFUSAL_STATUSES = [400, 401, 403];

export function isBareRefusal(status: number, contentType: string, bodyText: string): boolean {
  if (!REFUSAL_STATUSES.includes(status)) return false;
  if (!bodyText.trim()) return true;
  return !/html/i.test(contentType) && !looksLikeJson(bodyText);
}

export function bareRefusal(input: { status: number; contentType: string; empty: boolean; clientAuthMethod: string; grantType: string }): Diagnosis {
  const basic = input.clientAuthMethod === "client_secret_basic";
  const grant = input.grantType === "client_credentials" ? "client_credentials" : "authorization_code";
  return {
    code: "refused_without_reason",
    title: "The provider refused the request without saying why",
    cause: `The token endpoint answered ${input.status} with ${input.empty ? "an empty body" : `a ${input.contentType} body that is not an OAuth error`}: no error code, no description. Likely causes, most likely first: (1) the client ID or secret is wrong; (2) the provider expects another client authentication method${basic ? " or Basic credentials encoded differently (form-encoded RFC 6749 §2.3.1 vs plain RFC 7617)" : ""}; (3) the provider requires or refuses a scope; (4) the ${grant} grant is not enabled for this client.`,
    fix: "Re-enter the client secret first. Then check the client authentication method, the scopes and the client's enabled grants in the provider's app registration. The probes below show which of these the provider reacts to.",
    details: { status: String(input.status), contentType: input.contentType, body: input.empty ? "empty" : "not JSON (not shown)" },
  };
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
