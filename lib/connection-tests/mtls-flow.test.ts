/**
 * Mutual TLS client authentication (RFC 8705) end to end through the connection test: the
 * certificate is stored as the console stores it (generated self-signed, or uploaded as PEM with its
 * key), the test sends the token request over TLS with it to the provider's mtls_endpoint_aliases,
 * and the private key is in no test run or audit event.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actor, setUpConnectionTestFixture } from "@/lib/testing/connection-test-fixture";
import { freePort } from "@/lib/testing/free-port";
import { storeConnectionClientCertificate } from "@/lib/connections/connection-client-certificate";
import { CLIENT_CERTIFICATE_DEFAULTS } from "@/lib/schemas/client-certificate";

const SUBJECT = "CN=handshake-client, O=Handshake";
// The provider fetches the self-signed client's key set from here, as it would from the console's JWKS route.
const jwksPort = await freePort();
let publishedJwks = '{"keys":[]}';
const jwksServer = http.createServer((_req, res) => {
  res.setHeader("content-type", "application/json");
  res.end(publishedJwks);
});

const bound = { grant_types: ["client_credentials"], response_types: [], redirect_uris: [] };
const fx = setUpConnectionTestFixture(
  [
    {
      client_id: "mtls-ca",
      token_endpoint_auth_method: "tls_client_auth",
      tls_client_auth_subject_dn: SUBJECT,
      tls_client_certificate_bound_access_tokens: true,
      ...bound,
    },
    {
      client_id: "mtls-self",
      token_endpoint_auth_method: "self_signed_tls_client_auth",
      jwks_uri: `http://127.0.0.1:${jwksPort}/jwks`,
      tls_client_certificate_bound_access_tokens: true,
      ...bound,
    },
  ],
  { mtls: true },
);

beforeAll(() => new Promise<void>((resolve) => jwksServer.listen(jwksPort, "127.0.0.1", resolve)));
afterAll(() => new Promise<void>((resolve) => jwksServer.close(() => resolve())));

async function rememberKey(connectionId: string) {
  const row = await fx.db.connection.findUniqueOrThrow({ where: { id: connectionId } });
  const pem = fx.engine.decryptSecret(row.clientCertificateKeyEncrypted!, {
    recordId: row.id,
    field: "clientCertificateKey",
  });
  const body = pem.replace(/-----[A-Z ]+-----|\s/g, "");
  fx.seenSecrets.add(body.slice(0, 40));
  return row;
}

describe("mutual TLS client authentication", () => {
  it("tls_client_auth with an uploaded CA-issued certificate gets a client credentials token", async () => {
    const connection = await fx.createConnection({
      name: "mtls ca",
      grantType: "client_credentials",
      clientId: "mtls-ca",
      clientAuthMethod: "tls_client_auth",
      scopes: ["api:read"],
      resource: "urn:unit:api",
    });
    const issued = await fx.provider.mtls!.ca.issueClientCertificate(SUBJECT);
    const stored = await storeConnectionClientCertificate(actor(fx.admin), {
      connectionId: connection.id,
      input: {
        ...CLIENT_CERTIFICATE_DEFAULTS,
        source: "pem",
        clientCertificatePem: issued.certificatePem,
        clientCertificateKey: issued.privateKeyPem,
      },
    });
    expect(stored.subject).toBe("CN=handshake-client, O=Handshake");
    const row = await rememberKey(connection.id);
    expect(row.clientCertificateExpiresAt?.toISOString()).toBe(stored.notAfter);

    const { testRunId, outcome } = await fx.runClientCredentials(row);
    const run = await fx.testRun(testRunId);
    expect(run.diagnosisJson).toBeNull();
    expect(outcome).toBe("SUCCESS");
    const tokenStep = run.traceJson.find((s: { name: string }) => s.name === "token_request");
    expect(tokenStep.http[0].url).toBe(`${fx.provider.mtls!.origin}/token`);
    expect(tokenStep.http[0].requestBody).toEqual({
      grant_type: "client_credentials",
      client_id: "mtls-ca",
      scope: "api:read",
      resource: "urn:unit:api",
    });
    expect(run.resultJson.certificateBinding).toEqual({
      thumbprint: stored.thumbprint,
      tokenThumbprint: stored.thumbprint,
      shownBy: "token",
      matches: true,
    });
    await fx.expectNoSeenSecretStored();
  });

  it("self_signed_tls_client_auth with a generated certificate, published as x5c, gets a token", async () => {
    const connection = await fx.createConnection({
      name: "mtls self",
      grantType: "client_credentials",
      clientId: "mtls-self",
      clientAuthMethod: "self_signed_tls_client_auth",
    });
    const stored = await storeConnectionClientCertificate(actor(fx.admin), {
      connectionId: connection.id,
      input: CLIENT_CERTIFICATE_DEFAULTS,
    });
    expect(stored).toMatchObject({ subject: "CN=mtls-self", issuer: "CN=mtls-self", selfSigned: true });
    const { findCertificateJwks } = await import("@/lib/connections/connection-client-certificate");
    const jwks = await findCertificateJwks(connection.id);
    expect(jwks?.keys[0]).toMatchObject({ "x5t#S256": stored.thumbprint });
    expect(JSON.stringify(jwks)).not.toMatch(/"d":/);
    publishedJwks = JSON.stringify(jwks);
    const row = await rememberKey(connection.id);

    const { testRunId, outcome } = await fx.runClientCredentials(row);
    expect((await fx.testRun(testRunId)).diagnosisJson).toBeNull();
    expect(outcome).toBe("SUCCESS");
    const events = await fx.db.auditEvent.findMany({ where: { action: "connection.client_certificate_set" } });
    expect(events).toHaveLength(2);
    await fx.expectNoSeenSecretStored();
  });

  it("diagnoses an expired certificate and an unregistered self-signed one, with the certificate in the trace", async () => {
    const expired = await fx.createConnection({
      name: "mtls expired",
      grantType: "client_credentials",
      clientId: "mtls-ca",
      clientAuthMethod: "tls_client_auth",
    });
    const old = await fx.provider.mtls!.ca.issueClientCertificate(SUBJECT, -2);
    await storeConnectionClientCertificate(actor(fx.admin), {
      connectionId: expired.id,
      input: {
        ...CLIENT_CERTIFICATE_DEFAULTS,
        source: "pem",
        clientCertificatePem: old.certificatePem,
        clientCertificateKey: old.privateKeyPem,
      },
    });
    const expiredRun = await fx.testRun((await fx.runClientCredentials(await rememberKey(expired.id))).testRunId);
    expect(expiredRun.diagnosisJson).toMatchObject({
      code: "client_certificate_expired",
      title: "Client certificate expired",
    });
    const certificateStep = expiredRun.traceJson.find(
      (s: { title: string }) => s.title === "Client certificate (mutual TLS)",
    );
    expect(certificateStep.details).toMatchObject({ subject: SUBJECT, issuer: "CN=Handshake Test CA" });

    const unregistered = await fx.createConnection({
      name: "mtls unregistered",
      grantType: "client_credentials",
      clientId: "mtls-self",
      clientAuthMethod: "self_signed_tls_client_auth",
    });
    await storeConnectionClientCertificate(actor(fx.admin), {
      connectionId: unregistered.id,
      input: CLIENT_CERTIFICATE_DEFAULTS,
    });
    const unregisteredRun = await fx.testRun(
      (await fx.runClientCredentials(await rememberKey(unregistered.id))).testRunId,
    );
    expect(unregisteredRun.diagnosisJson).toMatchObject({ code: "client_certificate_not_registered" });
    await fx.expectNoSeenSecretStored();
  });

  it("refuses a certificate upload whose key belongs to another certificate, next to the key field", async () => {
    const connection = await fx.createConnection({
      name: "mtls mismatch",
      grantType: "client_credentials",
      clientId: "mtls-ca",
      clientAuthMethod: "tls_client_auth",
    });
    const one = await fx.provider.mtls!.ca.issueClientCertificate(SUBJECT);
    const other = await fx.provider.mtls!.ca.issueClientCertificate(SUBJECT);
    await expect(
      storeConnectionClientCertificate(actor(fx.admin), {
        connectionId: connection.id,
        input: {
          ...CLIENT_CERTIFICATE_DEFAULTS,
          source: "pem",
          clientCertificatePem: one.certificatePem,
          clientCertificateKey: other.privateKeyPem,
        },
      }),
    ).rejects.toMatchObject({ field: "clientCertificateKey", message: expect.stringContaining("does not belong") });
  });
});
