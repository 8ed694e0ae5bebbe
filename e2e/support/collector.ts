/** A server standing in for an attacker's host: it records every request it receives and refuses them. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { closeHttpServer } from "../../lib/testing/close-http-server";

export type Collector = { url: string; requests: string[]; close: () => Promise<void> };

export async function startCollector(): Promise<Collector> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      requests.push(`${req.method} ${req.url} ${req.headers.authorization ?? ""} ${body}`);
      res.writeHead(400, { "content-type": "application/json" }).end('{"error":"invalid_client"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => closeHttpServer(server),
  };
}
