/**
 * The step-by-step trace of a test run: each step has a status, timings, redacted details and
 * the HTTP exchanges made during it. The recording fetch wraps the guarded fetch so every call
 * openid-client makes is captured without the library knowing; bodies are reduced to whitelisted
 * fields (lib/oauth/redact.ts) before they are kept, so nothing secret is ever held in the trace.
 */
import { peekResponseText, type GuardedFetch, type GuardedFetchInit } from "@/lib/net/guarded-fetch";
import { clientAssertionOf } from "@/lib/oauth/client-assertion-trace";
import {
  redactErrorResponse,
  redactMetadata,
  redactParameters,
  redactRequestHeaders,
  redactResponseHeaders,
  redactTokenResponse,
  redactUrl,
} from "@/lib/oauth/redact";

export type TraceStepName =
  | "configuration"
  | "discovery"
  | "authorization_request"
  | "authorization_check"
  | "request_object"
  | "pushed_authorization_request"
  | "callback"
  | "token_request"
  | "token_response"
  | "id_token"
  | "userinfo"
  | "refresh"
  | "refresh_response"
  | "probe"
  | "api_check"
  | "introspection"
  | "revocation";

type TraceStepStatus = "ok" | "warning" | "failed" | "skipped";

export type HttpExchange = {
  method: string;
  url: string;
  query?: Record<string, string>;
  requestHeaders: Record<string, string>;
  requestBody?: Record<string, string>;
  status?: number;
  contentType?: string;
  responseHeaders?: Record<string, string>;
  /** Whitelisted fields of a JSON body; a non-JSON body is described, never copied. */
  responseBody?: Record<string, unknown>;
  responseDescription?: string;
  error?: string;
  durationMs: number;
};

export type TraceStep = {
  name: TraceStepName;
  title: string;
  status: TraceStepStatus;
  /** Milliseconds from the start of the test run. */
  startedAtMs: number;
  durationMs: number;
  /** Redacted, display-ready facts about the step. */
  details: Record<string, unknown>;
  notes: string[];
  http: HttpExchange[];
};

export type ActiveStep = {
  details: Record<string, unknown>;
  /** The exchanges recorded on this step so far. */
  readonly http: readonly HttpExchange[];
  note(text: string): void;
  setStatus(status: TraceStepStatus): void;
};

export class TraceRecorder {
  readonly steps: TraceStep[];
  private readonly origin: number;
  private current: TraceStep | undefined;
  /** Additional parameter names the connection configured; they are shown in redacted bodies. */
  private readonly visibleParameters: readonly string[];

  /** `startedAt` anchors timings, so a callback minutes later continues the same timeline. */
  constructor(options: { startedAt?: Date; steps?: TraceStep[]; visibleParameters?: readonly string[] } = {}) {
    this.origin = options.startedAt?.getTime() ?? Date.now();
    this.steps = options.steps ? [...options.steps] : [];
    this.visibleParameters = options.visibleParameters ?? [];
  }

  /** Runs `body` as one step; a throw marks the step failed and propagates. */
  async step<T>(name: TraceStepName, title: string, body: (step: ActiveStep) => Promise<T>): Promise<T> {
    const started = Date.now();
    const step: TraceStep = {
      name,
      title,
      status: "ok",
      startedAtMs: started - this.origin,
      durationMs: 0,
      details: {},
      notes: [],
      http: [],
    };
    this.steps.push(step);
    const previous = this.current;
    this.current = step;
    try {
      return await body({
        details: step.details,
        http: step.http,
        note: (text) => step.notes.push(text),
        setStatus: (status) => (step.status = status),
      });
    } catch (error) {
      step.status = "failed";
      throw error;
    } finally {
      step.durationMs = Date.now() - started;
      this.current = previous;
    }
  }

  /**
   * Runs a token request as two steps: the request as sent, then the provider's response (status
   * and whitelisted fields), failed when it was an error or did not pass validation. A request the
   * provider refused is failed too, also when the refusal came with HTTP 200 (RFC 6749 §5.2 bent):
   * a refused request never counts as passed. A failure without any response (network, refused
   * address) stays on the request step.
   */
  async exchange<T>(
    name: "token_request" | "refresh",
    titles: { request: string; response: string },
    body: (step: ActiveStep) => Promise<T>,
  ): Promise<T> {
    let outcome: { ok: true; value: T } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, value: await this.step(name, titles.request, body) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    const request = this.steps.at(-1)!;
    // The token call comes first; checking an ID token may fetch the JWKS after it.
    const http = request.http[0];
    if (http?.status !== undefined) {
      const refused = http.status >= 400 || typeof http.responseBody?.error === "string";
      request.status = refused ? "failed" : "ok";
      this.steps.push({
        name: name === "refresh" ? "refresh_response" : "token_response",
        title: titles.response,
        status: !outcome.ok || refused ? "failed" : "ok",
        startedAtMs: request.startedAtMs + request.durationMs,
        durationMs: 0,
        details: {
          status: String(http.status),
          content_type: http.contentType ?? "none",
          ...(http.responseBody ?? { body: http.responseDescription ?? "empty" }),
        },
        notes: [],
        http: [],
      });
    }
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /** Records a step that did no work (skipped, or facts known up front). */
  record(
    name: TraceStepName,
    title: string,
    status: TraceStepStatus,
    details: Record<string, unknown> = {},
    notes: string[] = [],
  ): void {
    this.steps.push({
      name,
      title,
      status,
      startedAtMs: Date.now() - this.origin,
      durationMs: 0,
      details,
      notes,
      http: [],
    });
  }

  /** Adds a note to the step running now (for wrappers that see a request but not the step). */
  noteOnCurrentStep(text: string): void {
    this.current?.notes.push(text);
  }

  /** A customFetch that records each exchange on the current step, then returns the response untouched. */
  recordingFetch(base: GuardedFetch): GuardedFetch {
    return async (url, init) => {
      const exchange = describeRequest(url, init, this.visibleParameters);
      this.current?.http.push(exchange);
      const assertion = clientAssertionOf(init?.body);
      if (assertion && this.current) this.current.details.client_assertion = assertion;
      const started = Date.now();
      try {
        const response = await base(url, init);
        exchange.durationMs = Date.now() - started;
        await describeResponse(exchange, response);
        return response;
      } catch (error) {
        exchange.durationMs = Date.now() - started;
        exchange.error = error instanceof Error ? error.message : "request failed";
        throw error;
      }
    };
  }
}

function describeRequest(
  url: string,
  init: GuardedFetchInit | undefined,
  visibleParameters: readonly string[],
): HttpExchange {
  const { url: bare, query } = redactUrl(url, visibleParameters);
  const exchange: HttpExchange = {
    method: (init?.method ?? "GET").toUpperCase(),
    url: bare,
    ...(query ? { query } : {}),
    requestHeaders: redactRequestHeaders(init?.headers),
    durationMs: 0,
  };
  const body = init?.body;
  if (body instanceof URLSearchParams) exchange.requestBody = redactParameters(body, visibleParameters);
  else if (typeof body === "string")
    exchange.requestBody = redactParameters(new URLSearchParams(body), visibleParameters);
  else if (body) exchange.requestBody = { body: "[binary body not shown]" };
  return exchange;
}

async function describeResponse(exchange: HttpExchange, response: Response): Promise<void> {
  exchange.status = response.status;
  const contentType = response.headers.get("content-type") ?? undefined;
  exchange.contentType = contentType;
  exchange.responseHeaders = redactResponseHeaders(response.headers);
  // The guarded fetch has already buffered the body (capped): read from there, nothing is consumed.
  const text = await peekResponseText(response);
  if (!text) {
    exchange.responseDescription = "empty body";
    return;
  }
  const parsed = parseJsonObject(text);
  if (!parsed) {
    exchange.responseDescription = `${contentType ?? "no content type"}, ${text.length} bytes (not JSON, not shown)`;
    return;
  }
  exchange.responseBody = summarizeJson(parsed);
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function summarizeJson(body: Record<string, unknown>): Record<string, unknown> {
  if ("access_token" in body || "token_type" in body) return redactTokenResponse(body);
  if (typeof body.error === "string") return redactErrorResponse(body);
  if ("issuer" in body && ("token_endpoint" in body || "authorization_endpoint" in body)) return redactMetadata(body);
  if (Array.isArray(body.keys)) return { keys: `${body.keys.length} key(s)` };
  // A PAR response (RFC 9126 §2.2): the request_uri is a single-use reference the browser carries anyway.
  if (typeof body.request_uri === "string")
    return { request_uri: body.request_uri.slice(0, 200), expires_in: String(body.expires_in ?? "not given") };
  // Anything else (userinfo, introspection): list field names only; values appear in the result.
  return { fields: Object.keys(body).slice(0, 40).join(", ") };
}
