/** client_secret_post (RFC 6749 §2.3.1): the client ID and secret in the request body. */
import { definePlainMethod } from "@/lib/oauth/client-auth/client-auth-method";

export const CLIENT_SECRET_POST = definePlainMethod({
  method: "client_secret_post",
  label: "client_secret_post: in the request body",
  needs: "secret",
  apply: (_choice, credential) => (_as, client, body) => {
    body.set("client_id", client.client_id);
    body.set("client_secret", credential.secret ?? "");
  },
  describe: () => "client_secret_post",
  carriesCredential: (_headers, form) => form?.has("client_secret") ?? false,
  probeAlternatives: (_choice, { encodingsDiffer, allows }) =>
    allows("client_secret_basic")
      ? [
          { method: "client_secret_basic", encoding: "form" },
          ...(encodingsDiffer ? [{ method: "client_secret_basic", encoding: "plain" } as const] : []),
        ]
      : [],
  switchReason: " The provider reads the client credentials from the request body, not from the Authorization header.",
});
