/**
 * A quirk layer in front of the real test authorization server (oidc-provider): a small HTTP
 * proxy on loopback that forwards everything and, for the clients it is told about, bends the
 * token endpoint the way real providers do. Tests point a connection's token URL at the proxy.
 *
 * Quirks, per client ID:
 * - post-only: credentials in a Basic header are refused with 401 invalid_client (the provider reads the body only).
 * - refuse-form-basic: form-encoded Basic credentials (RFC 6749 §2.3.1) get a bare 403; plain ones pass.
 * - bare-403: every error becomes a 403 with an empty body.
 * - rename-errors: standard error codes renamed (invalid_client → invalid_credentials, …).
 * - require-scope: a client credentials request without a scope gets a bare 403.
 * - errors-as-200: errors are sent with HTTP 200.
 * - errors-as-text: errors are sent as text/plain (JSON inside), without a WWW-Authenticate challenge.
 * - refuse-api-write: a request whose scope includes api:write gets 400 invalid_scope.
 * Discovery quirks, by path (no client ID there):
 * - /slash-metadata: its OpenID configuration answers 301 to the same path with a trailing slash,
 *   where the document names the issuer <proxy>/slash-metadata.
 * - /moved-metadata: its OpenID configuration answers 301 to the upstream's (another origin).
 * - token-needs-slash: POST /token answers 301 to /token/, where the token endpoint answers.
 * - token-500-without-slash: POST /token answers 500 with an HTML error page; /token/ answers.
 * - grant-all-scopes: a client credentials request without a scope is granted every API scope (api:read api:write).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { closeHttpServer } from "@/lib/testing/close-http-server";

export type Quirk =
  | "post-only"
  | "refuse-form-basic"
  | "bare-403"
  | "rename-errors"
  | "require-scope"
  | "errors-as-200"
  | "errors-as-text"
  | "grant-all-scopes"
  | "refuse-api-write"
  | "token-needs-slash"
  | "token-500-without-slash";

export const RENAMED_ERRORS: Record<string, string> = {
  invalid_client: "invalid_credentials",
  invalid_scope: "scope_invalid",
  invalid_grant: "invalid_code",
  unauthorized_client: "client_not_authorized",
};

export type RunningQuirkProxy = { origin: string; port: number; close(): Promise<void> };

export async function startQuirkProxy(options: {
  upstream: string;
  quirks: Record<string, Quirk[]>;
  port?: number;
}): Promise<RunningQuirkProxy> {
  const upstream = new URL(options.upstream);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      handle(req, Buffer.concat(chunks), upstream, options.quirks).then(
        (answer) => {
          res.writeHead(answer.status, answer.headers);
          res.end(answer.body);
        },
        () => {
          res.writeHead(502);
          res.end();
        },
      );
    });
  });
  // Outlive the clients' idle sockets, so no request is sent on a socket the proxy is closing.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    close: () => closeHttpServer(server),
  };
}

type Answer = { status: number; headers: Record<string, string>; body: Buffer };

const BARE_403: Answer = { status: 403, headers: { "content-length": "0" }, body: Buffer.alloc(0) };
const SERVER_ERROR_PAGE: Answer = {
  status: 500,
  headers: { "content-type": "text/html; charset=utf-8" },
  body: Buffer.from("<!doctype html><title>500 Internal Server Error</title><h1>Internal Server Error</h1>"),
};
const INVALID_SCOPE: Answer = {
  status: 400,
  headers: { "content-type": "application/json" },
  body: Buffer.from(
    JSON.stringify({ error: "invalid_scope", error_description: "api:write is not allowed for this client" }),
  ),
};

async function handle(
  req: http.IncomingMessage,
  body: Buffer,
  upstream: URL,
  quirksByClient: Record<string, Quirk[]>,
): Promise<Answer> {
  const moved = await answerDiscoveryQuirk(req, upstream);
  if (moved) return moved;
  const path = (req.url ?? "").split("?")[0];
  const isToken = req.method === "POST" && (path === "/token" || path === "/token/");
  const form = new URLSearchParams(isToken ? body.toString("utf8") : "");
  const basic = readBasic(req.headers.authorization);
  const clientId = basic?.clientId ?? form.get("client_id") ?? "";
  const quirks = new Set(isToken ? (quirksByClient[clientId] ?? []) : []);
  if (quirks.has("token-needs-slash") && path === "/token")
    return { status: 301, headers: { location: "/token/", "content-length": "0" }, body: Buffer.alloc(0) };
  if (quirks.has("token-500-without-slash") && path === "/token") return SERVER_ERROR_PAGE;
  if (path === "/token/") req.url = "/token";

  if (quirks.has("refuse-form-basic") && basic?.formEncoded) return BARE_403;
  if (quirks.has("refuse-api-write") && (form.get("scope") ?? "").split(" ").includes("api:write"))
    return INVALID_SCOPE;
  if (quirks.has("require-scope") && form.get("grant_type") === "client_credentials" && !form.get("scope"))
    return BARE_403;

  const answer = quirks.has("post-only") && basic ? postOnlyRefusal() : await forward(req, body, upstream);
  if (quirks.has("grant-all-scopes") && answer.status === 200 && !form.get("scope")) {
    answer.body = Buffer.from(
      JSON.stringify({ ...(JSON.parse(answer.body.toString("utf8")) as object), scope: "api:read api:write" }),
    );
  }
  if (!isToken || answer.status < 400) return answer;

  if (quirks.has("bare-403")) return BARE_403;
  if (quirks.has("rename-errors")) {
    const json = JSON.parse(answer.body.toString("utf8")) as { error?: string };
    if (json.error && RENAMED_ERRORS[json.error]) json.error = RENAMED_ERRORS[json.error];
    answer.body = Buffer.from(JSON.stringify(json));
    const challenge = answer.headers["www-authenticate"];
    if (challenge)
      answer.headers["www-authenticate"] = challenge.replace(
        /error="([^"]+)"/,
        (_m, code: string) => `error="${RENAMED_ERRORS[code] ?? code}"`,
      );
  }
  if (quirks.has("errors-as-200")) {
    answer.status = 200;
    delete answer.headers["www-authenticate"];
  }
  if (quirks.has("errors-as-text")) {
    answer.headers["content-type"] = "text/plain; charset=utf-8";
    delete answer.headers["www-authenticate"];
  }
  return answer;
}

async function answerDiscoveryQuirk(req: http.IncomingMessage, upstream: URL): Promise<Answer | undefined> {
  const path = (req.url ?? "").split("?")[0];
  const moved = (location: string): Answer => ({
    status: 301,
    headers: { location, "content-length": "0" },
    body: Buffer.alloc(0),
  });
  if (path === "/slash-metadata/.well-known/openid-configuration")
    return moved("/slash-metadata/.well-known/openid-configuration/");
  if (path === "/moved-metadata/.well-known/openid-configuration")
    return moved(new URL("/.well-known/openid-configuration", upstream).href);
  if (path !== "/slash-metadata/.well-known/openid-configuration/") return undefined;
  const document = (await (await fetch(new URL("/.well-known/openid-configuration", upstream))).json()) as Record<
    string,
    unknown
  >;
  const issuer = `http://${req.headers.host}/slash-metadata`;
  return {
    status: 200,
    headers: { "content-type": "application/json" },
    body: Buffer.from(JSON.stringify({ ...document, issuer })),
  };
}

function postOnlyRefusal(): Answer {
  return {
    status: 401,
    headers: { "content-type": "application/json", "www-authenticate": 'Basic realm="token", error="invalid_client"' },
    body: Buffer.from(JSON.stringify({ error: "invalid_client", error_description: "client authentication failed" })),
  };
}

async function forward(req: http.IncomingMessage, body: Buffer, upstream: URL): Promise<Answer> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string" && !["host", "connection", "content-length"].includes(name)) headers[name] = value;
  }
  const response = await fetch(new URL(req.url ?? "/", upstream), {
    method: req.method,
    headers,
    body: body.length ? new Uint8Array(body) : undefined,
    redirect: "manual",
  });
  const answer: Answer = { status: response.status, headers: {}, body: Buffer.from(await response.arrayBuffer()) };
  response.headers.forEach((value, name) => {
    if (!["content-length", "content-encoding", "transfer-encoding", "connection", "keep-alive"].includes(name))
      answer.headers[name] = value;
  });
  return answer;
}

/** The client ID of a Basic header, and whether the credentials were form-encoded (RFC 6749 §2.3.1). */
function readBasic(header: string | undefined): { clientId: string; formEncoded: boolean } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const id = decoded.slice(0, decoded.indexOf(":"));
  const formEncoded = decoded.includes("%");
  let clientId = id;
  try {
    clientId = formEncoded ? decodeURIComponent(id.replace(/\+/g, "%20")) : id;
  } catch {
    clientId = id;
  }
  return { clientId, formEncoded };
}
