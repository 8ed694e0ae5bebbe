/**
 * What the form offers for client authentication, in its order, as the unit tests and the browser
 * stories expect it (lib/connections/grant-fields.ts decides): every method that authenticates the
 * client; a public PKCE client is offered "none" after them.
 */
export const AUTHENTICATING_CLIENT_AUTH_METHODS = [
  "client_secret_basic",
  "client_secret_post",
  "client_secret_jwt",
  "private_key_jwt",
  "tls_client_auth",
  "self_signed_tls_client_auth",
];
