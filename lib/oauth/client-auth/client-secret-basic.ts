/**
 * client_secret_basic (RFC 6749 §2.3.1): the client ID and secret in the Authorization header, in
 * one of two encodings (basic-credentials.ts): form-encoded as RFC 6749 says, or plain (RFC 7617).
 */
import { basicAuthorizationHeader } from "@/lib/oauth/client-auth/basic-credentials";
import type { ClientAuthMethodDefinition } from "@/lib/oauth/client-auth/client-auth-method";
import { labelledChoices } from "@/lib/schemas/labelled-choices";

/** client_secret_basic credentials: form-encoded first (RFC 6749 §2.3.1) or as they are (RFC 7617). */
const BASIC_AUTH_ENCODING_CHOICES = labelledChoices({
  form: "Form-encoded (RFC 6749 §2.3.1, default)",
  plain: "Plain (RFC 7617): ID and secret as they are",
});
export const { values: BASIC_AUTH_ENCODINGS, labels: BASIC_AUTH_ENCODING_LABELS } = BASIC_AUTH_ENCODING_CHOICES;
export type BasicAuthEncoding = (typeof BASIC_AUTH_ENCODINGS)[number];

export type ClientSecretBasicChoice = { method: "client_secret_basic"; encoding: BasicAuthEncoding };

/** Why plain Basic credentials worked where form-encoded ones did not. */
export const PLAIN_BASIC_REASON =
  " The provider does not decode form-encoded Basic credentials (RFC 6749 §2.3.1): characters such as - . _ ~ arrive as %2D, %2E, %5F, %7E and no longer match.";

export const CLIENT_SECRET_BASIC: ClientAuthMethodDefinition<ClientSecretBasicChoice> = {
  method: "client_secret_basic",
  label: "client_secret_basic: HTTP Basic header (default)",
  needs: "secret",
  choiceOf: (stored) => ({
    method: "client_secret_basic",
    encoding: BASIC_AUTH_ENCODING_CHOICES.includes(stored.basicAuthEncoding) ? stored.basicAuthEncoding : "form",
  }),
  apply: (choice, credential) => (_as, client, _body, headers) => {
    headers.set("authorization", basicAuthorizationHeader(client.client_id, credential.secret ?? "", choice.encoding));
  },
  describe: (choice) =>
    choice.encoding === "form"
      ? "client_secret_basic (form-encoded, RFC 6749 §2.3.1)"
      : "client_secret_basic (plain, RFC 7617)",
  carriesCredential: (headers) => /^basic\s/i.test(headers.get("authorization") ?? ""),
  probeAlternatives: (choice, { encodingsDiffer, allows }) => [
    ...(encodingsDiffer
      ? [{ method: "client_secret_basic", encoding: choice.encoding === "form" ? "plain" : "form" } as const]
      : []),
    ...(allows("client_secret_post") ? [{ method: "client_secret_post" }] : []),
  ],
  switchReason: " The provider reads the client credentials from the Authorization header, not from the request body.",
};
