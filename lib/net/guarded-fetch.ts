/**
 * The one fetch for every request to an admin-supplied or metadata-supplied URL (discovery,
 * token, userinfo, JWKS, revocation). Usable as openid-client's `customFetch`.
 *
 * Rules (security.md §3.1): https only unless OUTBOUND_ALLOW_HTTP; no credentials in the URL;
 * every resolved address must be public unicast, checked when the socket connects so DNS
 * rebinding cannot slip past; literal IP hosts checked up front; redirects never followed;
 * 10 s timeout; body capped at 512 KiB; undici's own fetch and Agent, so proxy variables are ignored.
 * A request may present a client certificate (mutual TLS, RFC 8705 §2): it gets its own Agent with
 * the same rules, closed once the body is read. Extra trusted CAs (OUTBOUND_EXTRA_CA_FILE) are added
 * to Node's roots, never replace them.
 */
import dns from "node:dns";
import net from "node:net";
import tls from "node:tls";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { Agent, fetch as undiciFetch } from "undici";
import { getConfig } from "@/lib/config/env";
import { assertAddressAllowed, createAddressPolicy, OutboundBlockedError } from "@/lib/net/address-policy";

export { OutboundBlockedError } from "@/lib/net/address-policy";

const OUTBOUND_TIMEOUT_MS = 10_000;
const OUTBOUND_MAX_BODY_BYTES = 512 * 1024;

type ResolvedAddress = { address: string; family: number };
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

type GuardedFetchOptions = {
  allowHttp: boolean;
  allowCidrs: readonly string[];
  timeoutMs?: number;
  maxBodyBytes?: number;
  /** Name resolution; tests inject one to simulate a hostname that resolves to a private address. */
  resolve?: Resolver;
  /** PEM certificates trusted in addition to Node's roots (a private CA of a deployment or a test server). */
  extraCaPem?: string;
};

/** A client certificate (PEM chain, leaf first) and its private key (PEM) for mutual TLS (RFC 8705 §2). */
export type ClientCertificate = { certificatePem: string; privateKeyPem: string };

/** RequestInit, widened to the body types openid-client's customFetch passes (FetchBody). */
export type GuardedFetchInit = Omit<RequestInit, "body"> & {
  body?: BodyInit | Uint8Array | null;
  clientCertificate?: ClientCertificate;
};
export type GuardedFetch = (url: string, init?: GuardedFetchInit) => Promise<Response>;

const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

type LookupCallback = (err: Error | null, address: string | ResolvedAddress[], family?: number) => void;

// Statuses whose Response may not carry a body (Fetch standard "null body status").
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * The rules every outbound connection follows, whichever HTTP client makes it: the URL check
 * (protocol, no credentials, a literal IP host's address) and the resolver that checks every
 * address a hostname resolves to, when the socket connects.
 */
function outboundRules(options: GuardedFetchOptions) {
  const policy = createAddressPolicy(options.allowCidrs);
  const resolve = options.resolve ?? systemResolver;

  // net.connect calls this for hostnames (never for literal IPs), on every new connection.
  const lookup = (hostname: string, lookupOptions: { all?: boolean }, callback: LookupCallback) => {
    resolve(hostname).then(
      (addresses) => {
        if (addresses.length === 0) {
          callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", hostname }), "");
          return;
        }
        try {
          for (const { address } of addresses) assertAddressAllowed(policy, address, hostname);
        } catch (error) {
          callback(error as Error, "");
          return;
        }
        if (lookupOptions.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: Error) => callback(error, ""),
    );
  };

  function checkUrl(url: string): URL {
    const target = new URL(url);
    if (target.protocol !== "https:" && !(target.protocol === "http:" && options.allowHttp)) {
      throw new OutboundBlockedError(
        "protocol",
        `Refused ${target.protocol.replace(/:$/, "")}:// URL for ${target.host}: only https is allowed` +
          (target.protocol === "http:" ? " (OUTBOUND_ALLOW_HTTP=true allows http for tests)." : "."),
        { host: target.hostname },
      );
    }
    if (target.username || target.password) {
      throw new OutboundBlockedError(
        "credentials-in-url",
        `Refused a URL for ${target.host} that carries credentials.`,
        {
          host: target.hostname,
        },
      );
    }
    const host = target.hostname.replace(/^\[|\]$/g, "");
    if (net.isIP(host)) assertAddressAllowed(policy, host, host);
    return target;
  }

  return { lookup, checkUrl };
}

export function createGuardedFetch(options: GuardedFetchOptions): GuardedFetch {
  const timeoutMs = options.timeoutMs ?? OUTBOUND_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? OUTBOUND_MAX_BODY_BYTES;
  const { lookup, checkUrl } = outboundRules(options);

  const ca = options.extraCaPem ? [...tls.rootCertificates, options.extraCaPem] : undefined;
  const agentWith = (certificate?: ClientCertificate) =>
    new Agent({
      connect: {
        timeout: timeoutMs,
        lookup: lookup as never,
        ...(ca ? { ca } : {}),
        ...(certificate ? { cert: certificate.certificatePem, key: certificate.privateKeyPem } : {}),
      },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  const agent = agentWith();

  return async function guardedFetch(url, { clientCertificate, ...init } = {}) {
    const target = checkUrl(url);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    const dispatcher = clientCertificate ? agentWith(clientCertificate) : agent;
    try {
      return await send(url, init, signal, dispatcher, target.host);
    } finally {
      if (dispatcher !== agent) await dispatcher.close().catch(() => undefined);
    }
  };

  async function send(
    url: string,
    init: Omit<GuardedFetchInit, "clientCertificate">,
    signal: AbortSignal,
    dispatcher: Agent,
    host: string,
  ): Promise<Response> {
    let upstream: Awaited<ReturnType<typeof undiciFetch>>;
    try {
      upstream = await undiciFetch(url, {
        ...(init as Parameters<typeof undiciFetch>[1]),
        redirect: "manual",
        signal,
        dispatcher,
      });
    } catch (error) {
      // Errors thrown inside lookup arrive wrapped as TypeError("fetch failed", { cause }).
      throw findBlockedError(error) ?? error;
    }

    const declaredLength = Number(upstream.headers.get("content-length") ?? "0");
    if (declaredLength > maxBodyBytes) {
      await upstream.body?.cancel().catch(() => undefined);
      throw sizeError(host, maxBodyBytes);
    }
    const body = NULL_BODY_STATUSES.has(upstream.status) ? null : await readCapped(upstream.body, maxBodyBytes, host);

    const headers = new Headers();
    upstream.headers.forEach((value, name) => {
      // undici already decoded the body, so its encoding and length headers no longer describe it.
      if (name !== "content-encoding" && name !== "content-length") headers.append(name, value);
    });
    const response = new Response(body, { status: upstream.status, statusText: upstream.statusText, headers });
    if (body) bufferedBodies.set(response, body);
    return response;
  }
}

// The body each guarded response was built from: the trace and the lenient token reader read it
// here instead of cloning the response (a tee of its stream) and reading it again.
const bufferedBodies = new WeakMap<Response, Uint8Array>();
const utf8 = new TextDecoder();

/** The text of a response's body without consuming it: from the guarded fetch's buffer, else a clone. */
export async function peekResponseText(response: Response): Promise<string> {
  const buffered = bufferedBodies.get(response);
  return buffered ? utf8.decode(buffered) : response.clone().text();
}

async function readCapped(
  body: NodeReadableStream<Uint8Array> | null,
  maxBytes: number,
  host: string,
): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!body) return null;
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw sizeError(host, maxBytes);
    }
    chunks.push(value);
  }
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return joined;
}

function sizeError(host: string, maxBytes: number): OutboundBlockedError {
  return new OutboundBlockedError(
    "size",
    `The response from ${host} is larger than ${Math.round(maxBytes / 1024)} KiB.`,
    {
      host,
    },
  );
}

function findBlockedError(error: unknown): OutboundBlockedError | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof OutboundBlockedError) return e;
  }
  return undefined;
}

let configured: GuardedFetch | undefined;

/** The guarded fetch with the operator's settings (OUTBOUND_ALLOW_HTTP, OUTBOUND_ALLOW_CIDRS, OUTBOUND_EXTRA_CA_FILE). */
export const guardedFetch: GuardedFetch = (url, init) => {
  if (!configured) {
    const config = getConfig();
    configured = createGuardedFetch({
      allowHttp: config.outboundAllowHttp,
      allowCidrs: config.outboundAllowCidrs,
      extraCaPem: config.outboundExtraCaPem,
    });
  }
  return configured(url, init);
};

/**
 * The same rules for a library that speaks node:http itself (next-auth's bundled openid-client for
 * single sign-on): check each URL before handing it over, and pass `httpOptions` (timeout and the
 * checking resolver) to the library.
 */
export function guardedNodeHttp(): { checkUrl(url: string): URL; httpOptions: { timeout: number; lookup: unknown } } {
  const config = getConfig();
  const { lookup, checkUrl } = outboundRules({
    allowHttp: config.outboundAllowHttp,
    allowCidrs: config.outboundAllowCidrs,
  });
  return { checkUrl, httpOptions: { timeout: OUTBOUND_TIMEOUT_MS, lookup } };
}
