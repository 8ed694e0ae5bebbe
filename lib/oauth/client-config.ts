/**
 * Builds the protocol client for a client profile (lib/oauth/client-profile.ts): the provider's
 * metadata (live discovery when the connection was set up from an issuer, else the endpoints as
 * entered), the client authentication the profile names, used by every token call including
 * refresh, and the guarded fetch. The requests themselves are in protocol-requests.ts.
 */
import crypto from "node:crypto";
import * as oc from "openid-client";
import type { GuardedFetch } from "@/lib/net/guarded-fetch";
import { discoverMetadata } from "@/lib/oauth/discover-metadata";
import { encodingsDiffer } from "@/lib/oauth/client-auth/basic-credentials";
import {
  applyClientAuth,
  carriesClientCredential,
  type ClientAuthChoice,
} from "@/lib/oauth/client-auth/client-auth-methods";
import type { ClientProfile } from "@/lib/oauth/client-profile";
import type { ProviderMetadata } from "@/lib/oauth/protocol-types";
import { CONFIGURATION_DIAGNOSES } from "@/lib/diagnosis/configuration";
import { DiagnosedError, diagnosisFrom } from "@/lib/diagnosis/diagnosis";
import { lenientTokenResponses } from "@/lib/oauth/lenient-token-responses";
import { mtlsEndpointAliases } from "@/lib/oauth/mtls-endpoint-aliases";
import type { TraceRecorder } from "@/lib/oauth/trace";
import { originOfUrl } from "@/lib/connections/secret-binding";
import { dpopSetupOf, type DpopSetup } from "@/lib/oauth/dpop-client";

/** One client authentication against one token endpoint: what protocol-requests.ts sends with. */
export type ProtocolClient = { readonly configuration: oc.Configuration; readonly dpop?: oc.DPoPHandle };

export type ClientSetup = {
  client: ProtocolClient;
  metadata: ProviderMetadata;
  source: "discovery" | "manual";
  supportedAuthMethods?: string[];
  /** The client authentication the profile names. */
  clientAuth: ClientAuthChoice;
  /** Whether a client secret is stored (probes of another method need one). */
  hasSecret: boolean;
  /** The mTLS client certificate's SHA-256 thumbprint (x5t#S256, RFC 8705 §3.1), when it presents one. */
  certificateThumbprint?: string;
  /** `fetch` presenting the client certificate, if any: a bound token is only accepted with it (RFC 8705 §3). */
  withClientCertificate(fetch: GuardedFetch): GuardedFetch;
  dpop?: DpopSetup;
  /** Whether form-encoded and plain Basic credentials differ for this client ID and secret. */
  basicEncodingsDiffer: boolean;
  /** Whether an assertion's two audience forms (issuer, token endpoint URL) are different URLs. */
  assertionAudiencesDiffer: boolean;
  /**
   * The same provider with another client authentication, for the probes; `tokenEndpoint` sends
   * the token request to another URL on the token endpoint's origin (the trailing-slash probe).
   */
  withClientAuth(choice: ClientAuthChoice, tokenEndpoint?: string): ProtocolClient;
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
  profile: ClientProfile,
  trace: TraceRecorder,
  fetch: GuardedFetch,
): Promise<ClientSetup> {
  const { clientAuth, credential, endpoints, storedMetadata: stored } = profile;
  const secret = credential.secret;

  let discovered: ProviderMetadata | undefined;
  if (profile.issuer && stored) {
    const again = trace.steps.some((s) => s.name === "discovery");
    discovered = await trace.step(
      "discovery",
      again ? "Discovery (again, for the token exchange)" : "Discovery",
      async (step) => {
        const result = await discoverMetadata(profile.issuer!, { fetch });
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
  if (endpoints.authorization) overrides.authorization_endpoint = endpoints.authorization;
  if (endpoints.token) overrides.token_endpoint = endpoints.token;
  if (endpoints.userinfo) overrides.userinfo_endpoint = endpoints.userinfo;
  if (endpoints.revocation) overrides.revocation_endpoint = endpoints.revocation;
  if (endpoints.jwks) overrides.jwks_uri = endpoints.jwks;

  const aliases = credential.certificate && discovered ? mtlsEndpointAliases(discovered, overrides) : {};
  const metadata: ProviderMetadata = discovered
    ? { ...discovered, ...overrides, ...aliases }
    : {
        ...pickSupportedLists(stored),
        id_token_signing_alg_values_supported: ASYMMETRIC_ID_TOKEN_ALGORITHMS,
        ...overrides,
        // Without a configured issuer the token URL's origin stands in; an ID token from
        // another issuer is then reported as an issuer mismatch naming the real one.
        issuer: profile.issuer ?? originOf(endpoints.token) ?? "urn:handshake:unknown-issuer",
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
  if (credential.certificate) recordCertificate(trace, credential.certificate.certificatePem);
  if (Object.keys(aliases).length > 0) {
    trace.steps
      .at(-1)
      ?.notes.push(
        `Mutual TLS: the provider's mtls_endpoint_aliases are used (RFC 8705 §5): ${Object.keys(aliases).join(", ")}.`,
      );
  }

  const clientId = profile.clientId;
  const certificate = credential.certificate;
  const withClientCertificate = (base: GuardedFetch): GuardedFetch =>
    certificate ? (url, init) => base(url, { ...init, clientCertificate: certificate }) : base;
  const dpop = await dpopSetupOf(profile, trace);
  const protocolFetch = dpop ? dpop.traced(withClientCertificate(fetch)) : withClientCertificate(fetch);
  // Providers that send errors as text/plain or with HTTP 200 are read leniently; the trace keeps what they sent.
  const tokenFetchFor = (tokenEndpoint: string | undefined) => {
    const lenientFetch = lenientTokenResponses(protocolFetch, tokenEndpoint, (note) => trace.noteOnCurrentStep(note));
    return tokensStayHome(
      metadata,
      secret === undefined ? lenientFetch : secretStaysHome(profile.secretOrigin, metadata, lenientFetch),
    );
  };
  const tokenFetch = tokenFetchFor(metadata.token_endpoint);
  const configure = (choice: ClientAuthChoice, tokenEndpoint = metadata.token_endpoint): ProtocolClient => {
    const moved = tokenEndpoint !== metadata.token_endpoint;
    const config = new oc.Configuration(
      moved ? { ...metadata, token_endpoint: tokenEndpoint } : metadata,
      clientId,
      undefined,
      applyClientAuth(choice, credential),
    );
    config[oc.customFetch] = moved ? tokenFetchFor(tokenEndpoint) : tokenFetch;
    config.timeout = TOKEN_REQUEST_TIMEOUT_SECONDS;
    // The guarded fetch is the one place that decides whether plain http is allowed.
    oc.allowInsecureRequests(config);
    // Verify ID token signatures against the provider's JWKS, not only TLS (OIDC Core §3.1.3.7).
    if (metadata.jwks_uri) oc.enableNonRepudiationChecks(config);
    return { configuration: config, dpop: dpop?.handleFor(config) };
  };

  return {
    client: configure(clientAuth),
    metadata,
    source: discovered ? "discovery" : "manual",
    supportedAuthMethods: asStringList(metadata.token_endpoint_auth_methods_supported),
    clientAuth,
    hasSecret: secret !== undefined,
    certificateThumbprint: certificate ? certificateThumbprintOf(certificate.certificatePem) : undefined,
    withClientCertificate,
    dpop,
    basicEncodingsDiffer: secret !== undefined && encodingsDiffer(clientId, secret),
    assertionAudiencesDiffer: Boolean(
      credential.issuerKnown && metadata.token_endpoint && metadata.token_endpoint !== metadata.issuer,
    ),
    withClientAuth: configure,
  };
}

/**
 * The client secret only goes to the origin it was entered for (lib/connections/secret-binding.ts):
 * checked for the token endpoint before anything is sent, and for every request that carries client
 * credentials (token, refresh, revocation, introspection, PAR), whatever the provider's metadata says.
 */
function secretStaysHome(bound: string | null, metadata: ProviderMetadata, fetch: GuardedFetch): GuardedFetch {
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
function tokensStayHome(metadata: ProviderMetadata, fetch: GuardedFetch): GuardedFetch {
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
  return carriesClientCredential(new Headers(init?.headers), formBodyOf(init));
}

/** The trace shows the certificate the requests present (RFC 8705 §2), never its key. */
function recordCertificate(trace: TraceRecorder, pem: string): void {
  const certificate = new crypto.X509Certificate(pem);
  const oneLine = (dn: string) => dn.split("\n").filter(Boolean).join(", ");
  trace.record("configuration", "Client certificate (mutual TLS)", "ok", {
    subject: oneLine(certificate.subject),
    issuer: oneLine(certificate.issuer),
    thumbprint_x5t_S256: certificateThumbprintOf(pem),
    not_after: new Date(certificate.validTo).toISOString(),
  });
}

function certificateThumbprintOf(pem: string): string {
  return crypto.createHash("sha256").update(new crypto.X509Certificate(pem).raw).digest("base64url");
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

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
