/**
 * A small HTTP proxy in front of the test authorization server: it counts token requests by
 * grant type (the "counted at the server" figure of the token-API tests and benchmark), can
 * play a provider outage (503, or connections refused), and can hold a token request until the
 * test releases it, so a refresh is forced to be in flight at a known point (lib/testing/gate.ts).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gate } from "@/lib/testing/gate";
import { closeHttpServer } from "@/lib/testing/close-http-server";

export type ProxyMode = "up" | "unavailable" | "down";

/** A held token request: `arrived` once it reached the proxy, forwarded when released. */
export type HeldRequest = { arrived: Promise<void>; release: () => void };

export type CountingProxy = {
  origin: string;
  /** Token requests forwarded or refused, by grant_type. */
  counts: Map<string, number>;
  setMode(mode: ProxyMode): void;
  count(grantType: string): number;
  /** Holds the next token request of that grant type (counted as it arrives) until released. */
  holdNext(grantType: string): HeldRequest;
  close(): Promise<void>;
};

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const counts = new Map<string, number>();
  let mode: ProxyMode = "up";
  const holds = new Map<string, { arrived: () => void; released: Promise<void> }>();
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const body = Buffer.concat(chunks);
      if (req.method === "POST" && req.url?.endsWith("/token")) {
        const grantType = new URLSearchParams(body.toString("utf8")).get("grant_type") ?? "unknown";
        counts.set(grantType, (counts.get(grantType) ?? 0) + 1);
        const hold = holds.get(grantType);
        if (hold) {
          holds.delete(grantType);
          hold.arrived();
          await hold.released;
        }
      }
      if (mode === "down") {
        req.socket.destroy();
        return;
      }
      if (mode === "unavailable") {
        res.writeHead(503, { "content-type": "text/plain" }).end("maintenance");
        return;
      }
      const forward = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on("error", () => res.writeHead(502).end());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    setMode: (next) => (mode = next),
    count: (grantType) => counts.get(grantType) ?? 0,
    holdNext: (grantType) => {
      const arrived = gate();
      const released = gate();
      holds.set(grantType, { arrived: arrived.open, released: released.opened });
      return { arrived: arrived.opened, release: released.open };
    },
    close: () => closeHttpServer(server),
  };
}
