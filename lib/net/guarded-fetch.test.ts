import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGuardedFetch, OutboundBlockedError, type Resolver } from "@/lib/net/guarded-fetch";
import { freePort } from "@/lib/testing/free-port";
import { discoverMetadata } from "@/lib/oauth/discover-metadata";
import { closeHttpServer } from "@/lib/testing/close-http-server";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const hits: string[] = [];
const routes: Record<string, Handler> = {
  "/ok": (_req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ hello: "world" }));
  },
  "/echo": (req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => res.end(JSON.stringify({ method: req.method, body, auth: req.headers.authorization ?? null })));
  },
  "/redirect": (_req, res) => {
    res.statusCode = 302;
    res.setHeader("location", "/redirect-target");
    res.end();
  },
  "/redirect-target": (_req, res) => res.end("followed"),
  "/big-declared": (_req, res) => {
    res.setHeader("content-length", String(600 * 1024));
    res.end(Buffer.alloc(600 * 1024, 97));
  },
  "/big-streamed": (_req, res) => {
    // No content-length: the cap must apply while streaming.
    let sent = 0;
    const chunk = Buffer.alloc(64 * 1024, 98);
    const push = () => {
      while (sent < 2 * 1024 * 1024) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", push);
      }
      res.end();
    };
    push();
  },
  "/just-under-cap": (_req, res) => res.end(Buffer.alloc(512 * 1024, 99)),
  "/hang": () => undefined,
  "/.well-known/openid-configuration": (_req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ issuer: `http://127.0.0.1:${port}`, token_endpoint: `http://127.0.0.1:${port}/token` }));
  },
};

let server: http.Server;
let port: number;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push(req.url ?? "");
    const route = routes[(req.url ?? "").split("?")[0] ?? ""];
    if (route) route(req, res);
    else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await closeHttpServer(server);
});

const loopbackAllowed = () => createGuardedFetch({ allowHttp: true, allowCidrs: ["127.0.0.0/8"] });
const strict = () => createGuardedFetch({ allowHttp: true, allowCidrs: [] });

async function blocked(promise: Promise<unknown>): Promise<OutboundBlockedError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the request to be refused");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutboundBlockedError);
  return error as OutboundBlockedError;
}

describe("guardedFetch", () => {
  it("reaches a loopback server when 127.0.0.0/8 is allowed, and returns a standard Response", async () => {
    const res = await loopbackAllowed()(`http://127.0.0.1:${port}/ok`);
    expect(res).toBeInstanceOf(Response);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual({ hello: "world" });
  });

  it("serves as the protocol client's fetch (openid-client's customFetch)", async () => {
    const result = await discoverMetadata(`http://127.0.0.1:${port}`, { fetch: loopbackAllowed() });
    expect(result.ok && result.metadata.token_endpoint).toBe(`http://127.0.0.1:${port}/token`);
  });

  it("passes method, headers and body through, as openid-client's customFetch does", async () => {
    const res = await loopbackAllowed()(`http://127.0.0.1:${port}/echo`, {
      method: "POST",
      headers: new Headers({ authorization: "Basic abc" }),
      body: new URLSearchParams({ grant_type: "client_credentials" }),
    });
    expect(await res.json()).toEqual({ method: "POST", body: "grant_type=client_credentials", auth: "Basic abc" });
  });

  it("refuses loopback without an allow-list, before sending anything", async () => {
    const before = hits.length;
    const error = await blocked(strict()(`http://127.0.0.1:${port}/ok`));
    expect(error.reason).toBe("address");
    expect(error.address).toBe("127.0.0.1");
    expect(error.message).toContain("loopback");
    expect(hits.length).toBe(before);
  });

  it("refuses the cloud metadata address 169.254.169.254", async () => {
    const error = await blocked(loopbackAllowed()("http://169.254.169.254/latest/meta-data/"));
    expect(error.reason).toBe("address");
    expect(error.message).toContain("link-local");
  });

  it.each([
    ["[::ffff:127.0.0.1]", "IPv4-mapped loopback"],
    ["[::ffff:7f00:1]", "IPv4-mapped loopback, hex form"],
    ["[::1]", "IPv6 loopback"],
    ["0.0.0.0", "unspecified"],
    ["127.1", "shortened IPv4 loopback"],
    ["2130706433", "decimal IPv4 loopback"],
    ["10.1.2.3", "private"],
    ["192.168.0.1", "private"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["[fd00::1]", "unique-local"],
    ["[fe80::1]", "IPv6 link-local"],
    ["[::7f00:1]", "IPv4-compatible IPv6"],
  ])("refuses the literal host %s (%s)", async (host) => {
    const error = await blocked(strict()(`http://${host}:${port}/ok`));
    expect(error.reason).toBe("address");
  });

  it("refuses IPv4-mapped loopback when only another range is allowed", async () => {
    const error = await blocked(
      createGuardedFetch({ allowHttp: true, allowCidrs: ["10.0.0.0/8"] })(`http://[::ffff:127.0.0.1]:${port}/ok`),
    );
    // The URL parser normalizes the host to its hex form; the policy still unmaps it to 127.0.0.1.
    expect(error.address).toBe("::ffff:7f00:1");
    expect(error.message).toContain("loopback");
  });

  it("refuses a hostname that resolves to a private address, at connect time", async () => {
    const resolve: Resolver = async () => [{ address: "10.0.0.7", family: 4 }];
    const error = await blocked(
      createGuardedFetch({ allowHttp: true, allowCidrs: [], resolve })(`http://idp.example.test:${port}/ok`),
    );
    expect(error.reason).toBe("address");
    expect(error.host).toBe("idp.example.test");
    expect(error.address).toBe("10.0.0.7");
  });

  it("refuses a hostname when any of its addresses is not public", async () => {
    const resolve: Resolver = async () => [
      { address: "93.184.215.14", family: 4 },
      { address: "127.0.0.1", family: 4 },
    ];
    const error = await blocked(
      createGuardedFetch({ allowHttp: true, allowCidrs: [], resolve })(`http://mixed.example.test:${port}/ok`),
    );
    expect(error.address).toBe("127.0.0.1");
  });

  it("refuses localhost through the system resolver", async () => {
    const error = await blocked(strict()(`http://localhost:${port}/ok`));
    expect(error.reason).toBe("address");
    expect(error.host).toBe("localhost");
  });

  it("connects to a hostname whose resolved address is allowed", async () => {
    const resolve: Resolver = async () => [{ address: "127.0.0.1", family: 4 }];
    const res = await createGuardedFetch({ allowHttp: true, allowCidrs: ["127.0.0.0/8"], resolve })(
      `http://idp.example.test:${port}/ok`,
    );
    expect(res.status).toBe(200);
  });

  it("re-checks the address on every new connection, so a rebinding hostname is refused", async () => {
    let calls = 0;
    const resolve: Resolver = async () =>
      calls++ === 0 ? [{ address: "127.0.0.1", family: 4 }] : [{ address: "169.254.169.254", family: 4 }];
    const guarded = createGuardedFetch({ allowHttp: true, allowCidrs: ["127.0.0.0/8"], resolve });
    expect((await guarded(`http://rebind.example.test:${port}/ok`)).status).toBe(200);
    // A different origin forces a new connection and a new lookup.
    const error = await blocked(guarded(`http://rebind2.example.test:${port}/ok`));
    expect(error.address).toBe("169.254.169.254");
  });

  it("refuses http unless allowed, and other protocols always", async () => {
    const noHttp = createGuardedFetch({ allowHttp: false, allowCidrs: ["127.0.0.0/8"] });
    expect((await blocked(noHttp(`http://127.0.0.1:${port}/ok`))).reason).toBe("protocol");
    expect((await blocked(loopbackAllowed()("file:///etc/passwd"))).reason).toBe("protocol");
    expect((await blocked(loopbackAllowed()(`ftp://127.0.0.1:${port}/`))).reason).toBe("protocol");
  });

  it("refuses credentials in the URL", async () => {
    const error = await blocked(loopbackAllowed()(`http://user:pass@127.0.0.1:${port}/ok`));
    expect(error.reason).toBe("credentials-in-url");
    expect(error.message).not.toContain("pass");
  });

  it("returns a redirect as is and never follows it", async () => {
    const before = hits.filter((h) => h === "/redirect-target").length;
    const res = await loopbackAllowed()(`http://127.0.0.1:${port}/redirect`, { redirect: "follow" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/redirect-target");
    expect(hits.filter((h) => h === "/redirect-target").length).toBe(before);
  });

  it("refuses a body declared larger than 512 KiB", async () => {
    const error = await blocked(loopbackAllowed()(`http://127.0.0.1:${port}/big-declared`));
    expect(error.reason).toBe("size");
  });

  it("refuses an undeclared body once it passes 512 KiB while streaming", async () => {
    const error = await blocked(loopbackAllowed()(`http://127.0.0.1:${port}/big-streamed`));
    expect(error.reason).toBe("size");
  });

  it("accepts a body of exactly 512 KiB", async () => {
    const res = await loopbackAllowed()(`http://127.0.0.1:${port}/just-under-cap`);
    expect((await res.arrayBuffer()).byteLength).toBe(512 * 1024);
  });

  it("gives up on a server that never answers", async () => {
    const guarded = createGuardedFetch({ allowHttp: true, allowCidrs: ["127.0.0.0/8"], timeoutMs: 300 });
    const started = Date.now();
    const error = await guarded(`http://127.0.0.1:${port}/hang`).catch((e: unknown) => e);
    expect((error as Error).name).toBe("TimeoutError");
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("honours the caller's abort signal", async () => {
    const controller = new AbortController();
    const pending = loopbackAllowed()(`http://127.0.0.1:${port}/hang`, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toThrow();
  });

  it("ignores HTTP_PROXY, so a proxy hop cannot bypass the address checks", async () => {
    let proxied = 0;
    const proxy = http.createServer((_req, res) => {
      proxied++;
      res.end("via proxy");
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const saved = { http: process.env.HTTP_PROXY, https: process.env.HTTPS_PROXY };
    process.env.HTTP_PROXY = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    process.env.HTTPS_PROXY = process.env.HTTP_PROXY;
    try {
      const res = await loopbackAllowed()(`http://127.0.0.1:${port}/ok`);
      expect(await res.json()).toEqual({ hello: "world" });
      expect(proxied).toBe(0);
    } finally {
      process.env.HTTP_PROXY = saved.http;
      process.env.HTTPS_PROXY = saved.https;
      if (saved.http === undefined) delete process.env.HTTP_PROXY;
      if (saved.https === undefined) delete process.env.HTTPS_PROXY;
      await closeHttpServer(proxy);
    }
  });

  it("reports a refused connection as a network error, not as blocked", async () => {
    const closedPort = await freePort();
    const error = (await loopbackAllowed()(`http://127.0.0.1:${closedPort}/`).catch((e: unknown) => e)) as Error & {
      cause?: { code?: string };
    };
    expect(error).not.toBeInstanceOf(OutboundBlockedError);
    expect(error.cause?.code).toBe("ECONNREFUSED");
  });
});
