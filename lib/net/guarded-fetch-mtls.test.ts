import https from "node:https";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGuardedFetch, OutboundBlockedError } from "@/lib/net/guarded-fetch";
import { createTestCertificateAuthority, type TestCertificateAuthority } from "@/lib/testing/test-pki";
import { closeHttpServer } from "@/lib/testing/close-http-server";

let ca: TestCertificateAuthority;
let server: https.Server;
let origin: string;

beforeAll(async () => {
  ca = await createTestCertificateAuthority();
  const serverCertificate = await ca.issueServerCertificate();
  server = https.createServer(
    {
      cert: serverCertificate.certificatePem,
      key: serverCertificate.privateKeyPem,
      ca: ca.certificatePem,
      requestCert: true,
      rejectUnauthorized: false,
    },
    (req, res) => {
      const socket = req.socket as TLSSocket;
      const peer = socket.getPeerX509Certificate();
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ subject: peer?.subject ?? null, authorized: socket.authorized }));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => closeHttpServer(server));

describe("guarded fetch over mutual TLS (RFC 8705 §2)", () => {
  it("refuses a server whose CA is not trusted", async () => {
    const fetch = createGuardedFetch({ allowHttp: false, allowCidrs: ["127.0.0.0/8"] });
    await expect(fetch(`${origin}/`)).rejects.toThrow(/fetch failed/);
  });

  it("trusts the extra CA and presents no certificate unless asked", async () => {
    const fetch = createGuardedFetch({ allowHttp: false, allowCidrs: ["127.0.0.0/8"], extraCaPem: ca.certificatePem });
    const answer = (await (await fetch(`${origin}/`)).json()) as { subject: string | null };
    expect(answer.subject).toBeNull();
  });

  it("presents the client certificate of the request", async () => {
    const fetch = createGuardedFetch({ allowHttp: false, allowCidrs: ["127.0.0.0/8"], extraCaPem: ca.certificatePem });
    const clientCertificate = await ca.issueClientCertificate("CN=handshake-client, O=Handshake");
    const answer = (await (await fetch(`${origin}/`, { clientCertificate })).json()) as {
      subject: string;
      authorized: boolean;
    };
    expect(answer.subject).toContain("CN=handshake-client");
    expect(answer.authorized).toBe(true);
    // The next request without one presents none: the certificate's agent is not shared.
    expect(((await (await fetch(`${origin}/`)).json()) as { subject: string | null }).subject).toBeNull();
  });

  it("keeps the address policy for a request with a certificate", async () => {
    const fetch = createGuardedFetch({ allowHttp: false, allowCidrs: [], extraCaPem: ca.certificatePem });
    const clientCertificate = await ca.issueClientCertificate("CN=handshake-client");
    await expect(fetch(`${origin}/`, { clientCertificate })).rejects.toBeInstanceOf(OutboundBlockedError);
  });
});
