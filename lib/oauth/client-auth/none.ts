/** none (OIDC Core §9, RFC 7636): a public client sends only its client ID; PKCE protects the code. */
import type { ClientAuthMethodDefinition } from "@/lib/oauth/client-auth/client-auth-method";

export type NoClientAuthChoice = { method: "none" };

export const NO_CLIENT_AUTH: ClientAuthMethodDefinition<NoClientAuthChoice> = {
  method: "none",
  label: "none: public client, no secret (PKCE only)",
  needs: "nothing",
  choiceOf: () => ({ method: "none" }),
  apply: () => (_as, client, body) => {
    body.set("client_id", client.client_id);
  },
  describe: () => "none",
  carriesCredential: () => false,
  // Without a credential there is no other way to present it.
  probeAlternatives: () => [],
  switchReason: "",
};
