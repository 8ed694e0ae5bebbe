/**
 * Builds the openid-client Configuration for a stored connection: the provider's metadata (live
 * discovery when the connection was set up from an issuer, else the endpoints as entered), the
 * client authentication method the connection names, used by every token call including refresh,
 * and the guarded fetch. This is where the client secret is decrypted.
 */
import * as oc from "openid-client";
import type { Connection } from "@/lib/db/generated/client";
import { decryptSecret } from "@/lib/crypto/secret-box";
import type { GuardedFetch } from "@/lib/net/guarded-fetch";
import type { ConnectionSettings } from "@/lib/connections/connection-settings";
import { discoverMetadata } from "@/lib/oauth/discover-metadata";
import { encodingsDiffer, isBasicAuthEncoding } from "@/lib/oauth/client-auth/basic-credentials";
import { clientAuthFor, type ClientAuthChoice } from "@/lib/oauth/client-auth/client-authentication";
import { CONFIGURATION_DIAGNOSES } from "@/lib/diagnosis/configuration";
import { DiagnosedError, diagnosisFrom, fixedDiagnosis } from "@/lib/diagnosis/diagnosis";
import { lenientTokenResponses } from "@/lib/oauth/lenient-token-responses";
import type { TraceRecorder } from "@/lib/oauth/trace";
import { boundSecretOrigin, originOfUrl } from "@/lib/connections/secret-binding";

export type ClientSetup = {
  config: oc.Configuration;
  metadata: oc.ServerMetadata;
  source: "discovery" | "manual";
  supportedAuthMethods?: string[];
  /** The client authentication the connection names. */
  clientAuth: ClientAuthChoice;
  /** Whether a client secret is stored (probes of another method need one). */
  hasSecret: boolean;
  /** Whether form-encoded and plain Basic credentials differ for this client ID and secret. */
  basicEncodingsDiffer: boolean;
  /**
   * The same provider with another client authentication, for the probes; `tokenEndpoint` sends
   * the token request to another URL on the token endpoint's origin (the trailing-slash probe).
   */
  withClientAuth(choice: ClientAuthChoice, tokenEndpoint?: string): oc.Configuration;
};

// With endpoints entered by hand there is no list of signing algorithms; accept the asymmetric
// ones (the signature is still verified against the JWKS), never "none" or HMAC.
const ASYMMETRIC_ID_TOKEN_ALGORITHMS = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
  "Ed25519",
];

const TOKEN_REQUEST_TIMEOUT_SECONDS = 10;

export async function buildClientConfiguration(
  connection: Connection,
  settings: ConnectionSettings,
  trace: TraceRecorder,
  fetch: GuardedFetch,
): Promise<ClientSetup> {
  if (!connection.clientId) {
    throw new DiagnosedError(fixedDiagnosis(CONFIGURATION_DIAGNOSES.missing_client_id));
  }
  const clientAuth = clientAuthChoiceOf(connection);
  const secret = clientSecretFor(connection, clientAuth);
  const stored = parseStoredMetadata(connection.discoveryMetadata);

  let discovered: oc.ServerMetadata | undefined;
  if (connection.issuer && stored) {
    const again = trace.steps.some((s) => s.name === "discovery");
    discovered = await trace.step(
      "discovery",
      again ? "Discovery (again, for the token exchange)" : "Discovery",
      async (step) => {
        const result = await discoverMetadata(connection.issuer!, { fetch });
        if (!result.ok) throw new DiagnosedError(result.diagnosis);
        step.details.document = result.url;
        for (const hop of result.redirects ?? [])
          step.note(`The discovery document moved on the issuer's origin and the redirect was followed: ${hop}.`);
        step.details.source =
          result.source === "openid-configuration"
            ? "OpenID Connect Discovery"
            : "RFC 8414 authorization server metadata";
        step.details.issuer = result.metadata.issuer;
        return result.metadata;
      },
    );
  }

  const overrides: Record<string, string> = {};
  if (connection.authorizationUrl) overrides.authorization_endpoint = connection.authorizationUrl;
  if (connection.tokenUrl) overrides.token_endpoint = connection.tokenUrl;
  if (connection.userinfoUrl) overrides.userinfo_endpoint = connection.userinfoUrl;
  if (connection.revocationUrl) overrides.revocation_endpoint = connection.revocationUrl;
  if (connection.jwksUrl) overrides.jwks_uri = connection.jwksUrl;

  const metadata: oc.ServerMetadata = discovered
    ? { ...discovered, ...overrides }
    : {
        ...pickSupportedLists(stored),
        id_token_signing_alg_values_supported: ASYMMETRIC_ID_TOKEN_ALGORITHMS,
        ...overrides,
        // Without a configured issuer the token URL's origin stands in; an ID token from
        // another issuer is then reported as an issuer mismatch naming the real one.
        issuer: connection.issuer ?? originOf(connection.tokenUrl) ?? "urn:handshake:unknown-issuer",
      };

  if (!discovered) {
    trace.record("configuration", "Endpoints (entered on the connection)", "ok", {
      issuer: metadata.issuer,
      authorization_endpoint: metadata.authorization_endpoint ?? "not set",
      token_endpoint: metadata.token_endpoint ?? "not set",
      userinfo_endpoint: metadata.userinfo_endpoint ?? "not set",
      jwks_uri: metadata.jwks_uri ?? "not set",
    });
  } else if (Object.entries(overrides).some(([key, value]) => discovered[key] !== value)) {
    trace.steps.at(-1)?.notes.push("Endpoints entered on the connection take precedence over the discovered ones.");
  }

  const clientId = connection.clientId;
  // Providers that send errors as text/plain or with HTTP 200 are read leniently; the trace keeps what they sent.
  const tokenFetchFor = (tokenEndpoint: string | undefined) => {
    const lenientFetch = lenientTokenResponses(fetch, tokenEndpoint, (note) => trace.noteOnCurrentStep(note));
    return tokensStayHome(
      metadata,
      secret === undefined ? lenientFetch : secretStaysHome(connection, metadata, lenientFetch),
    );
  };
  const tokenFetch = tokenFetchFor(metadata.token_endpoint);
  const configure = (choice: ClientAuthChoice, tokenEndpoint = metadata.token_endpoint) => {
    const moved = tokenEndpoint !== metadata.token_endpoint;
    const config = new oc.Configuration(
      moved ? { ...metadata, token_endpoint: tokenEndpoint } : metadata,
      clientId,
      undefined,
      clientAuthFor(choice, secret),
    );
    config[oc.customFetch] = moved ? tokenFetchFor(tokenEndpoint) : tokenFetch;
    config.timeout = TOKEN_REQUEST_TIMEOUT_SECONDS;
    // The guarded fetch is the one place that decides whether plain http is allowed.
    oc.allowInsecureRequests(config);
    // Verify ID token signatures against the provider's JWKS, not only TLS (OIDC Core §3.1.3.7).
    if (metadata.jwks_uri) oc.enableNonRepudiationChecks(config);
    return config;
  };

  return {
    config: configure(clientAuth),
    metadata,
    source: discovered ? "discovery" : "manual",
    supportedAuthMethods: asStringList(metadata.token_endpoint_auth_methods_supported),
    clientAuth,
    hasSecret: secret !== undefined,
    basicEncodingsDiffer: secret !== undefined && encodingsDiffer(clientId, secret),
    withClientAuth: configure,
  };
}

function clientAuthChoiceOf(connection: Connection): ClientAuthChoice {
  const method = connection.clientAuthMethod;
  if (method === "client_secret_basic") {
    return {
      method,
      encoding: isBasicAuthEncoding(connection.basicAuthEncoding) ? connection.basicAuthEncoding : "form",
    };
  }
  if (method === "client_secret_post" || method === "none") return { method };
  throw new DiagnosedError(diagnosisFrom(CONFIGURATION_DIAGNOSES.unsupported_client_auth, { method }));
}

function clientSecretFor(connection: Connection, choice: ClientAuthChoice): string | undefined {
  const method = choice.method;
  if (method === "none") return undefined;
  if (!connection.clientSecretEncrypted) {
    throw new DiagnosedError(diagnosisFrom(CONFIGURATION_DIAGNOSES.missing_secret, { method }));
  }
  return decryptSecret(connection.clientSecretEncrypted, { recordId: connection.id, field: "clientSecret" });
}

/**
 * The client secret only goes to the origin it was entered for (lib/connections/secret-binding.ts):
 * checked for the token endpoint before anything is sent, and for every request that carries client
 * credentials (token, refresh, revocation, introspection, PAR), whatever the provider's metadata says.
 */
function secretStaysHome(connection: Connection, metadata: oc.ServerMetadata, fetch: GuardedFetch): GuardedFetch {
  const bound = boundSecretOrigin(connection);
  const refuse = (target: string | null) =>
    new DiagnosedError(diagnosisFrom(CONFIGURATION_DIAGNOSES.secret_origin_mismatch, { bound, target }));
  const tokenOrigin = originOfUrl(metadata.token_endpoint);
  if (!bound || tokenOrigin !== bound) throw refuse(tokenOrigin);
  return async (url, init) => {
    if (carriesClientCredentials(init) && originOfUrl(url) !== bound) throw refuse(originOfUrl(url));
    return fetch(url, init);
  };
}

/**
 * A token goes back only to the origin of the token endpoint that issued it: refresh (RFC 9700
 * §4.14), revocation (RFC 7009) and introspection (RFC 7662) requests carrying a token in their form
 * body are refused for any other origin, whatever the metadata or an admin-typed URL says, with or
 * without a client secret.
 */
function tokensStayHome(metadata: oc.ServerMetadata, fetch: GuardedFetch): GuardedFetch {
  const issuedBy = originOfUrl(metadata.token_endpoint);
  return async (url, init) => {
    const target = originOfUrl(url);
    if (target !== issuedBy && carriesToken(init)) {
      throw new DiagnosedError(diagnosisFrom(CONFIGURATION_DIAGNOSES.token_origin_mismatch, { issuedBy, target }));
    }
    return fetch(url, init);
  };
}

function formBodyOf(init: Parameters<GuardedFetch>[1]): URLSearchParams | null {
  const body = init?.body;
  return body instanceof URLSearchParams ? body : typeof body === "string" ? new URLSearchParams(body) : null;
}

function carriesToken(init: Parameters<GuardedFetch>[1]): boolean {
  const form = formBodyOf(init);
  return Boolean(form?.has("token") || form?.has("refresh_token"));
}

function carriesClientCredentials(init: Parameters<GuardedFetch>[1]): boolean {
  const authorization = new Headers(init?.headers).get("authorization") ?? "";
  if (/^basic\s/i.test(authorization)) return true;
  return formBodyOf(init)?.has("client_secret") ?? false;
}

function parseStoredMetadata(json: string | null): Record<string, unknown> | undefined {
  if (!json) return undefined;
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function pickSupportedLists(stored: Record<string, unknown> | undefined): Record<string, string[]> {
  if (!stored) return {};
  const out: Record<string, string[]> = {};
  for (const key of [
    "code_challenge_methods_supported",
    "token_endpoint_auth_methods_supported",
    "scopes_supported",
    "grant_types_supported",
  ] as const) {
    const list = asStringList(stored[key]);
    if (list) out[key] = list;
  }
  return out;
}

function asStringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : undefined;
}

function originOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
