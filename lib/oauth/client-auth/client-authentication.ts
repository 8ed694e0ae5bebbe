/**
 * openid-client ClientAuth functions for a connection's client authentication: method, Basic
 * encoding and the decrypted secret. The plain Basic variant is Handshake's own; the others are
 * openid-client's.
 */
import * as oc from "openid-client";
import { basicAuthorizationHeader } from "@/lib/oauth/client-auth/basic-credentials";
import type { BasicAuthEncoding } from "@/lib/connections/connection-options";

export type ClientAuthChoice =
  | { method: "client_secret_basic"; encoding: BasicAuthEncoding }
  | { method: "client_secret_post" }
  | { method: "none" };

export function clientAuthFor(choice: ClientAuthChoice, secret: string | undefined): oc.ClientAuth {
  if (choice.method === "none") return oc.None();
  if (choice.method === "client_secret_post") return oc.ClientSecretPost(secret);
  if (choice.encoding === "form") return oc.ClientSecretBasic(secret);
  return plainClientSecretBasic(secret ?? "");
}

/** client_secret_basic with RFC 7617 credentials: the client ID and secret are not form-encoded. */
function plainClientSecretBasic(secret: string): oc.ClientAuth {
  return (_as, client, _body, headers) => {
    headers.set("authorization", basicAuthorizationHeader(client.client_id, secret, "plain"));
  };
}

/** Words for the trace and the diagnosis. */
export function describeClientAuth(choice: ClientAuthChoice): string {
  if (choice.method !== "client_secret_basic") return choice.method;
  return choice.encoding === "form"
    ? "client_secret_basic (form-encoded, RFC 6749 §2.3.1)"
    : "client_secret_basic (plain, RFC 7617)";
}
