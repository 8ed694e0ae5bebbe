import type { ClientMetadata } from "oidc-provider";
import type { Quirk } from "./quirk-proxy";

/**
 * Clients behind the quirk proxy (lib/testing/quirk-proxy.ts): each ID names its quirk, and each
 * has `-` and `.` in the ID and secret so the two Basic encodings differ. Connections start with
 * client_secret_basic (form-encoded), the default.
 */
export const QUIRK_CLIENTS = {
  refuseFormBasic: {
    clientId: "quirk-plain-basic",
    clientSecret: "plain.basic-secret~7c1d",
    quirks: ["refuse-form-basic"],
  },
  bare403: { clientId: "quirk-bare-403", clientSecret: "bare.403-secret-2b9e", quirks: ["post-only", "bare-403"] },
  renamedErrors: {
    clientId: "quirk-renamed",
    clientSecret: "renamed.errors-secret-5a0f",
    quirks: ["post-only", "rename-errors"],
  },
  requireScope: { clientId: "quirk-scope", clientSecret: "scope.required-secret-93ce", quirks: ["require-scope"] },
  errorsAs200: {
    clientId: "quirk-status-200",
    clientSecret: "status.200-secret-d41a",
    quirks: ["post-only", "errors-as-200"],
  },
  refuseScope: {
    clientId: "quirk-refuse-scope",
    clientSecret: "refuse.scope-secret-8b3f",
    quirks: ["refuse-api-write"],
  },
  tokenNeedsSlash: {
    clientId: "quirk-token-slash",
    clientSecret: "token.slash-secret-1f9c",
    quirks: ["token-needs-slash"],
  },
  tokenSlash500: {
    clientId: "quirk-token-slash-500",
    clientSecret: "token.slash500-secret-3e7b",
    quirks: ["token-500-without-slash"],
  },
  grantAllScopes: {
    clientId: "quirk-all-scopes",
    clientSecret: "all.scopes-secret-6d2a",
    quirks: ["grant-all-scopes"],
  },
  errorsAsText: {
    clientId: "quirk-text-plain",
    clientSecret: "text.plain-secret-0e6b",
    quirks: ["post-only", "errors-as-text"],
  },
} as const satisfies Record<string, { clientId: string; clientSecret: string; quirks: Quirk[] }>;

export const QUIRKS_BY_CLIENT: Record<string, Quirk[]> = Object.fromEntries(
  Object.values(QUIRK_CLIENTS).map((c) => [c.clientId, [...c.quirks]]),
);

export const QUIRK_OIDC_CLIENTS: ClientMetadata[] = Object.values(QUIRK_CLIENTS).map((c) => ({
  client_id: c.clientId,
  client_secret: c.clientSecret,
  grant_types: ["client_credentials"],
  response_types: [],
  redirect_uris: [],
  token_endpoint_auth_method: "client_secret_basic",
}));
