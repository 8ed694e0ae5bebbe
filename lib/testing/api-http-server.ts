/**
 * The app's /api/v1 route handlers behind a real HTTP server on loopback, for Vitest: requests
 * travel over TCP as a client's would (headers, status, body) to the very route modules Next
 * serves, without building the app. Paths are matched like Next's app router ([segment]).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { closeHttpServer } from "@/lib/testing/close-http-server";

/** Each route module types its own params; the server hands them over as matched from the path. */
type RouteHandler = (request: Request, route: { params: Promise<never> }) => Promise<Response>;
export type RouteModule = Partial<Record<"GET" | "POST" | "PATCH" | "PUT" | "DELETE", RouteHandler>>;

export type RunningApiServer = { origin: string; close(): Promise<void> };

/** routes: app router paths ("/api/v1/connections/[connection]/token") and their route modules. */
export async function startApiHttpServer(routes: Record<string, RouteModule>): Promise<RunningApiServer> {
  const table = Object.entries(routes).map(([path, module]) => ({ ...patternOf(path), module }));
  const server = http.createServer((req, res) => {
    void answer(req, res).catch((error: unknown) => {
      res.writeHead(500, { "Content-Type": "text/plain" });
      res.end(error instanceof Error ? error.stack : String(error));
    });
  });
  async function answer(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const { port } = server.address() as AddressInfo;
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    // What lib/http/peer-address-preload.mjs sets in the real server, from the socket.
    headers.set("x-handshake-peer-address", req.socket.remoteAddress ?? "");
    const method = (req.method ?? "GET") as keyof RouteModule;
    const body = chunks.length && method !== "GET" ? Buffer.concat(chunks) : undefined;
    const request = new Request(url, { method, headers, body });
    for (const route of table) {
      const match = route.regex.exec(url.pathname);
      if (!match) continue;
      const handler = route.module[method];
      if (!handler) return send(res, new Response(null, { status: 405 }));
      const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
      return send(res, await handler(request, { params: Promise.resolve(params) as Promise<never> }));
    }
    return send(res, new Response(null, { status: 404 }));
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => closeHttpServer(server),
  };
}

function patternOf(path: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = path
    .split("/")
    .map((segment) => {
      const param = /^\[(\w+)\]$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(param[1]!);
      return "([^/]+)";
    })
    .join("/");
  return { regex: new RegExp(`^${source}$`), names };
}

async function send(res: http.ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}
