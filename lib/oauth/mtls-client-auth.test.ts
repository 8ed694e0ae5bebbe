/**
 * Mutual TLS client authentication (RFC 8705) against the real oidc-provider with features.mTLS on
 * its HTTPS listener (lib/testing/mtls-listener.ts): the token request goes to discovery's
 * mtls_endpoint_aliases with the client certificate, tokens are bound to it (cnf.x5t#S256, §3), and
 * an untrusted, mismatched or expired certificate is refused.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClientMetadata } from "oidc-provider";
import { buildClientConfiguration } from "@/lib/oauth/client-config";
import { requestClientCredentials } from "@/lib/oauth/protocol-requests";
import { TraceRecorder } from "@/lib/oauth/trace";
import type { ClientAuthChoice } from "@/lib/oauth/client-auth/client-auth-methods";
import { createGuardedFetch, type ClientCertificate, type GuardedFetch } from "@/lib/net/guarded-fetch";
import { startOidcProvider, type RunningOidcProvider } from "@/lib/testing/oidc-provider-factory";
import {
  createSelfSignedClientCertificate,
  createTestCertificateAuthority,
  type IssuedCertificate,
  type TestCertificateAuthority,
} from "@/lib/testing/test-pki";

const SUBJECT = "CN=handshake-client, O=Handshake";
let ca: TestCertificateAuthority;
let selfSigned: IssuedCertificate;
let provider: RunningOidcProvider;
let fetch: GuardedFetch;
// The provider answers every refusal with a bare "client authentication failed"; its event says why.
const refusals: string[] = [];

function thumbprintOf(certificatePem: string): string {
  return crypto.createHash("sha256").update(new crypto.X509Certificate(certificatePem).raw).digest("base64url");
}

function mtlsClient(clientId: string, metadata: Partial<ClientMetadata>): ClientMetadata {
  return {
    client_id: clientId,
    grant_types: ["client_credentials"],
    response_types: [],
    redirect_uris: [],
    tls_client_certificate_bound_access_tokens: true,
    ...metadata,
  };
}

beforeAll(async () => {
  ca = await createTestCertificateAuthority();
  selfSigned = await createSelfSignedClientCertificate("CN=handshake-self-signed");
  const publicJwk = new crypto.X509Certificate(selfSigned.certificatePem).publicKey.export({ format: "jwk" });
  const der = new crypto.X509Certificate(selfSigned.certificatePem).raw.toString("base64");
  provider = await startOidcProvider(
    () => [
      mtlsClient("mtls-ca", { token_endpoint_auth_method: "tls_client_auth", tls_client_auth_subject_dn: SUBJECT }),
      mtlsClient("mtls-self", {
        token_endpoint_auth_method: "self_signed_tls_client_auth",
        jwks: { keys: [{ ...publicJwk, x5c: [der] }] },
      }),
    ],
    0,
    {},
    { mtls: ca },
  );
  provider.provider.on("grant.error", (_ctx, error: { error_detail?: string }) => {
    refusals.push(error.error_detail ?? "");
  });
  fetch = createGuardedFetch({ allowHttp: true, allowCidrs: ["127.0.0.0/8"], extraCaPem: ca.certificatePem });
});

afterAll(() => provider?.close());

async function requestToken(clientId: string, method: ClientAuthChoice["method"], certificate: ClientCertificate) {
  const trace = new TraceRecorder();
  const setup = await buildClientConfiguration(
    {
      clientId,
      issuer: provider.issuer,
      storedMetadata: { issuer: provider.issuer },
      endpoints: {},
      clientAuth: { method } as ClientAuthChoice,
      credential: { certificate, issuerKnown: true },
      secretOrigin: null,
      requestOptions: { par: "WHEN_REQUIRED", jar: false },
    },
    trace,
    trace.recordingFetch(fetch),
  );
  const tokens = await requestClientCredentials(setup.client, { scope: "api:read", resource: "urn:unit:api" });
  return { tokens, setup, trace };
}

function cnfOf(accessToken: string): Record<string, string> {
  const payload = JSON.parse(Buffer.from(accessToken.split(".")[1]!, "base64url").toString("utf8"));
  return payload.cnf;
}

describe("mutual TLS client authentication (RFC 8705)", () => {
  it("tls_client_auth: a certificate from the trusted CA with the registered subject gets a bound token", async () => {
    const certificate = await ca.issueClientCertificate(SUBJECT);
    const { tokens, setup, trace } = await requestToken("mtls-ca", "tls_client_auth", certificate);
    expect(setup.metadata.token_endpoint).toBe(`${provider.mtls!.origin}/token`);
    expect(setup.supportedAuthMethods).toEqual(expect.arrayContaining(["tls_client_auth"]));
    expect(cnfOf(tokens.access_token)).toEqual({ "x5t#S256": thumbprintOf(certificate.certificatePem) });
    expect(trace.steps.flatMap((step) => step.notes).join(" ")).toContain("mtls_endpoint_aliases");
    expect(trace.steps.find((step) => step.title === "Client certificate (mutual TLS)")?.details).toEqual({
      subject: "CN=handshake-client\nO=Handshake".replace("\n", ", "),
      issuer: "CN=Handshake Test CA",
      thumbprint_x5t_S256: thumbprintOf(certificate.certificatePem),
      not_after: new Date(new crypto.X509Certificate(certificate.certificatePem).validTo).toISOString(),
    });
  });

  it("self_signed_tls_client_auth: the registered self-signed certificate gets a bound token", async () => {
    const { tokens } = await requestToken("mtls-self", "self_signed_tls_client_auth", selfSigned);
    expect(cnfOf(tokens.access_token)).toEqual({ "x5t#S256": thumbprintOf(selfSigned.certificatePem) });
  });

  it("refuses a certificate from a CA the provider does not trust", async () => {
    const otherCa = await createTestCertificateAuthority("CN=Someone Else's CA");
    const certificate = await otherCa.issueClientCertificate(SUBJECT);
    await expect(requestToken("mtls-ca", "tls_client_auth", certificate)).rejects.toMatchObject({
      error: "invalid_client",
    });
    expect(refusals.at(-1)).toContain("not verified");
  });

  it("refuses a certificate whose subject is not the registered one", async () => {
    const certificate = await ca.issueClientCertificate("CN=someone-else, O=Handshake");
    await expect(requestToken("mtls-ca", "tls_client_auth", certificate)).rejects.toMatchObject({
      error: "invalid_client",
    });
    expect(refusals.at(-1)).toContain("does not match");
  });

  it("refuses an expired certificate", async () => {
    const certificate = await ca.issueClientCertificate(SUBJECT, -1);
    await expect(requestToken("mtls-ca", "tls_client_auth", certificate)).rejects.toMatchObject({
      error: "invalid_client",
    });
    expect(refusals.at(-1)).toContain("not verified");
  });

  it("refuses a self-signed certificate that is not registered", async () => {
    const unregistered = await createSelfSignedClientCertificate("CN=handshake-self-signed");
    await expect(requestToken("mtls-self", "self_signed_tls_client_auth", unregistered)).rejects.toMatchObject({
      error: "invalid_client",
    });
    expect(refusals.at(-1)).toContain("unregistered");
  });
});
