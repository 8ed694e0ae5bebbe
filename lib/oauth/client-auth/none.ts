/** none (OIDC Core §9, RFC 7636): a public client sends only its client ID; PKCE protects the code. */
import { definePlainMethod } from "@/lib/oauth/client-auth/client-auth-method";

// Without a credential there is no other way to present it: no probe alternatives.
export const NO_CLIENT_AUTH = definePlainMethod({
  method: "none",
  label: "none: public client, no secret (PKCE only)",
  needs: "nothing",
  apply: () => (_as, client, body) => {
    body.set("client_id", client.client_id);
  },
  describe: () => "none",
  switchReason: "",
});
