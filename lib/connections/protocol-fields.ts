/**
 * The fields a test or token request depends on: the grant, the endpoints, the client, its
 * authentication and what it asks for. A change to any of them is untested until a test passes
 * (lib/connections/good-configuration.ts); the edit form offers Save and test for them. No server imports.
 */
import type { ConnectionFieldName } from "@/lib/connections/connection-fields";

export const PROTOCOL_FIELDS = [
  "grantType",
  "issuer",
  "authorizationUrl",
  "tokenUrl",
  "userinfoUrl",
  "revocationUrl",
  "jwksUrl",
  "discoveryMetadata",
  "clientId",
  "clientSecret",
  "clientAuthMethod",
  "basicAuthEncoding",
  "clientAssertionAudience",
  "scopes",
  "audience",
  "resource",
  "authParams",
  "tokenParams",
] as const satisfies readonly ConnectionFieldName[];

export type ProtocolField = (typeof PROTOCOL_FIELDS)[number];
