/** The members of the token API's answer (lib/tokens/token-api-schemas.ts), sorted: what the document promises and a served token carries. */
export const TOKEN_RESPONSE_FIELDS = [
  "access_token",
  "connection_id",
  "connection_name",
  "expires_at",
  "expires_in",
  "scope",
  "token_type",
];
