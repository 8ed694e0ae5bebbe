/**
 * The two ways providers read HTTP Basic client credentials at the token endpoint.
 *
 * - "form": RFC 6749 §2.3.1 says the client ID and secret are encoded with
 *   application/x-www-form-urlencoded before they are joined with ":" and Base64-encoded. This is
 *   what openid-client's ClientSecretBasic does, and the default.
 * - "plain": RFC 7617 as most servers implement it: the ID and secret as they are (UTF-8), which
 *   many providers expect because they never form-decode the Basic credentials.
 *
 * A value such as "my-client" differs between the two ("my%2Dclient" form-encoded), so a server
 * that decodes one way refuses the other with a bare 401 or 403.
 */
import { CONFIGURATION_DIAGNOSES } from "@/lib/diagnosis/configuration";
import { DiagnosedError, fixedDiagnosis } from "@/lib/diagnosis/diagnosis";

type BasicAuthEncoding = "form" | "plain";

/**
 * application/x-www-form-urlencoded as RFC 6749 Appendix B applies it: every octet outside
 * ALPHA / DIGIT percent-encoded (UTF-8), a space as "+". encodeURIComponent leaves
 * -_.!~*'() alone, so they are encoded here as well (matching openid-client's own encoder).
 */
export function formUrlEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[-_.!~*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, "+");
}

/** The Authorization header value for client_secret_basic in the given encoding. */
export function basicAuthorizationHeader(clientId: string, clientSecret: string, encoding: BasicAuthEncoding): string {
  if (encoding === "form") {
    return `Basic ${Buffer.from(`${formUrlEncode(clientId)}:${formUrlEncode(clientSecret)}`, "utf8").toString("base64")}`;
  }
  // RFC 7617 §2: the user-id cannot contain a colon; the password may (split at the first one).
  if (clientId.includes(":")) {
    throw new DiagnosedError(fixedDiagnosis(CONFIGURATION_DIAGNOSES.plain_basic_colon));
  }
  return `Basic ${Buffer.from(`${clientId}:${clientSecret}`, "utf8").toString("base64")}`;
}

/** Whether the two encodings produce different headers for these credentials (a probe is worth it). */
export function encodingsDiffer(clientId: string, clientSecret: string): boolean {
  return formUrlEncode(clientId) !== clientId || formUrlEncode(clientSecret) !== clientSecret;
}
