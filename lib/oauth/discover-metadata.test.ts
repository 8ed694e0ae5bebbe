import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, assert, beforeAll, describe, expect, it } from "vitest";
import { startOidcProvider, type RunningOidcProvider } from "@/lib/testing/oidc-provider-factory";
import { createGuardedFetch, type GuardedFetch } from "@/lib/net/guarded-fetch";
import { discoverMetadata } from "@/lib/oauth/discover-metadata";
import { freePort } from "@/lib/testing/free-port";
import { startQuirkProxy, type RunningQuirkProxy } from "@/lib/testing/quirk-proxy";
import { closeHttpServer } from "@/lib/testing/close-http-server";

const allowLoopback = createGuardedFetch({ allowHttp: true, allowCidrs: ["127.0.0.0/8"] });
const BODY_MARKER = "raw-body-marker-6b1f";

let provider: RunningOidcProvider;
let proxy: RunningQuirkProxy;
let tiny: http.Server;
let tinyOrigin: string;
type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const routes = new Map<string, Route>();

function json(res: http.ServerResponse, body: unknown, status = 200) {
  res.statusCode = status;
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify(body));
}

beforeAll(async () => {
  provider = await startOidcProvider(() => [
    {
      client_id: "unit-cc",
      client_secret: "unit-cc-secret",
      grant_types: ["client_credentials"],
      response_types: [],
      redirect_uris: [],
    },
  ]);
  tiny = http.createServer((req, res) => {
    const route = routes.get(req.url ?? "");
    if (route) return route(req, res);
    res.statusCode = 404;
    res.setHeader("content-type", "text/plain");
    res.end("not found");
  });
  await new Promise<void>((resolve) => tiny.listen(0, "127.0.0.1", resolve));
  tinyOrigin = `http://127.0.0.1:${(tiny.address() as AddressInfo).port}`;
  proxy = await startQuirkProxy({ upstream: provider.issuer, quirks: {} });

  routes.set("/.well-known/oauth-authorization-server/oauth-only", (_req, res) =>
    json(res, {
      issuer: `${tinyOrigin}/oauth-only`,
      token_endpoint: `${tinyOrigin}/oauth-only/token`,
      authorization_endpoint: `${tinyOrigin}/oauth-only/authorize`,
    }),
  );
  routes.set("/html/.well-known/openid-configuration", (_req, res) => {
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(`<html><body>Sign in to continue ${BODY_MARKER}</body></html>`);
  });
  routes.set("/wrong-issuer/.well-known/openid-configuration", (_req, res) =>
    json(res, { issuer: "https://someone-else.example.com", token_endpoint: "https://someone-else.example.com/token" }),
  );
  routes.set("/redirecting/.well-known/openid-configuration", (_req, res) => {
    res.statusCode = 301;
    res.setHeader("location", "http://169.254.169.254/latest/meta-data/");
    res.end();
  });
  routes.set("/slow/.well-known/openid-configuration", () => undefined);
});

afterAll(async () => {
  await proxy?.close();
  await provider.close();
  await closeHttpServer(tiny);
});

/** Discovery that must fail: its failure, for the assertions on message and diagnosis. */
async function discoveryFailure(issuerUrl: string, fetch: GuardedFetch = allowLoopback) {
  const result = await discoverMetadata(issuerUrl, { fetch });
  assert(!result.ok, `discovery of ${issuerUrl} should have failed`);
  return result;
}

describe("discoverMetadata", () => {
  it("reads OpenID Connect discovery from a real oidc-provider", async () => {
    const result = await discoverMetadata(provider.issuer, { fetch: allowLoopback });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.source).toBe("openid-configuration");
    expect(result.url).toBe(`${provider.issuer}/.well-known/openid-configuration`);
    expect(result.metadata.issuer).toBe(provider.issuer);
    expect(result.metadata.token_endpoint).toBe(`${provider.issuer}/token`);
    expect(result.metadata.authorization_response_iss_parameter_supported).toBe(true);
  });

  it("accepts the discovery document's URL pasted in place of the issuer", async () => {
    const result = await discoverMetadata(`${provider.issuer}/.well-known/openid-configuration`, {
      fetch: allowLoopback,
    });
    expect(result.ok && result.metadata.issuer).toBe(provider.issuer);
  });

  it("falls back to RFC 8414 when there is no OpenID configuration", async () => {
    const result = await discoverMetadata(`${tinyOrigin}/oauth-only`, { fetch: allowLoopback });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.source).toBe("oauth-authorization-server");
    expect(result.url).toBe(`${tinyOrigin}/.well-known/oauth-authorization-server/oauth-only`);
    expect(result.metadata.token_endpoint).toBe(`${tinyOrigin}/oauth-only/token`);
  });

  it("names both URLs when neither document exists", async () => {
    const result = await discoveryFailure(`${tinyOrigin}/nothing-here`);
    expect(result.message).toContain(`${tinyOrigin}/nothing-here/.well-known/openid-configuration`);
    expect(result.message).toContain(`${tinyOrigin}/.well-known/oauth-authorization-server/nothing-here`);
    expect(result.message).toContain("404");
    expect(result.diagnosis.code).toBe("discovery_not_found");
  });

  it("reports an HTML page by status and content type, never its body", async () => {
    const result = await discoveryFailure(`${tinyOrigin}/html`);
    expect(result.diagnosis.code).toBe("html_response");
    expect(result.message).toContain("200");
    expect(result.message).toContain("text/html");
    expect(JSON.stringify(result)).not.toContain(BODY_MARKER);
  });

  it("shows both issuers when the document names another one", async () => {
    const result = await discoveryFailure(`${tinyOrigin}/wrong-issuer`);
    expect(result.diagnosis.code).toBe("issuer_mismatch");
    expect(result.diagnosis.details).toEqual({
      expected: `${tinyOrigin}/wrong-issuer`,
      actual: "https://someone-else.example.com",
    });
    expect(result.detail).toContain("https://someone-else.example.com");
  });

  it("does not follow a redirect off the issuer's origin, and names where it goes", async () => {
    const result = await discoveryFailure(`${tinyOrigin}/redirecting`);
    expect(result.diagnosis.code).toBe("discovery_moved");
    expect(result.message).toContain("301");
    expect(result.movedTo).toBe("http://169.254.169.254/latest/meta-data/");
  });

  it("follows a redirect to the document under a trailing slash on the issuer's origin, and says so", async () => {
    const issuer = `${proxy.origin}/slash-metadata`;
    const result = await discoverMetadata(issuer, { fetch: allowLoopback });
    assert(result.ok, JSON.stringify(result));
    expect(result.metadata.issuer).toBe(issuer);
    expect(result.url).toBe(`${issuer}/.well-known/openid-configuration/`);
    expect(result.redirects).toEqual([
      `${issuer}/.well-known/openid-configuration → ${issuer}/.well-known/openid-configuration/ (301)`,
    ]);
  });

  it("names a document moved to another origin, and that location works when used", async () => {
    const result = await discoveryFailure(`${proxy.origin}/moved-metadata`);
    expect(result.diagnosis.code).toBe("discovery_moved");
    expect(result.movedTo).toBe(`${provider.issuer}/.well-known/openid-configuration`);
    expect(result.message).toContain(`${proxy.origin}/moved-metadata/.well-known/openid-configuration answered 301`);
    const moved = await discoverMetadata(result.movedTo!, { fetch: allowLoopback });
    expect(moved.ok && moved.metadata.issuer).toBe(provider.issuer);
  });

  it("says which address was refused when loopback is not allowed", async () => {
    const result = await discoveryFailure(provider.issuer, createGuardedFetch({ allowHttp: true, allowCidrs: [] }));
    expect(result.diagnosis.code).toBe("blocked_address");
    expect(result.message).toContain("127.0.0.1");
    expect(result.message).toContain("loopback");
  });

  it("refuses http unless allowed", async () => {
    const result = await discoveryFailure(
      provider.issuer,
      createGuardedFetch({ allowHttp: false, allowCidrs: ["127.0.0.0/8"] }),
    );
    expect(result.diagnosis.code).toBe("blocked_protocol");
  });

  it("reports a refused connection", async () => {
    const port = await freePort();
    const result = await discoveryFailure(`http://127.0.0.1:${port}`);
    expect(result.diagnosis.code).toBe("connection_refused");
  });

  it("reports a host name that does not resolve", async () => {
    const fetch = createGuardedFetch({
      allowHttp: true,
      allowCidrs: [],
      resolve: async (hostname) => {
        throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", hostname });
      },
    });
    const result = await discoveryFailure("https://idp.does-not-exist.example", fetch);
    expect(result.diagnosis.code).toBe("dns_failure");
    expect(result.message).toContain("idp.does-not-exist.example");
  });

  it("reports a TLS failure", async () => {
    // An https request to a plain-http port fails the TLS handshake.
    const result = await discoveryFailure(`https://127.0.0.1:${new URL(tinyOrigin).port}/html`);
    expect(result.diagnosis.code).toBe("tls_error");
  });

  it("reports a timeout", async () => {
    const fetch = createGuardedFetch({ allowHttp: true, allowCidrs: ["127.0.0.0/8"], timeoutMs: 300 });
    const result = await discoveryFailure(`${tinyOrigin}/slow`, fetch);
    expect(result.diagnosis.code).toBe("timeout");
  });

  it("rejects text that is not a URL", async () => {
    const result = await discoveryFailure("not a url");
    expect(result.diagnosis.code).toBe("invalid_issuer_url");
  });
});
