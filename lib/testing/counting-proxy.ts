/**
 * A small HTTP proxy in front of the test authorization server: it counts token requests by
 * grant type (the "counted at the server" figure of the token-API tests and benchmark) and can
 * play a provider outage (503, or connections refused).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type ProxyMode = "up" | "unavailable" | "down";

export type CountingProxy = {
  origin: string;
  /** Token requests forwarded or refused, by grant_type. */
  counts: Map<string, number>;
  setMode(mode: ProxyMode): void;
  count(grantType: string): number;
  close(): Promise<void>;
};

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const counts = new Map<string, number>();
  let mode: ProxyMode = "up";
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      if (req.method === "POST" && req.url?.endsWith("/token")) {
        const grantType = new URLSearchParams(body.toString("utf8")).get("grant_type") ?? "unknown";
        counts.set(grantType, (counts.get(grantType) ?? 0) + 1);
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
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
