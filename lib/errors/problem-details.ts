/**
 * RFC 9457 problem details: how an API route answers with an ApplicationError. An error of an API
 * that documents its own problem types (the token API, lib/tokens/problem-response.ts) carries its
 * problem; any other answers with the problem of its code.
 */
import type { ApplicationError, ApplicationErrorCode, ProblemFacts } from "@/lib/errors/application-error";
import { NO_STORE } from "@/lib/http/no-store";

/** Stable, deployment-independent type URIs (RFC 9457 §3.1.1). */
export function problemTypeUri(name: string): string {
  return `urn:handshake:problem:${name}`;
}

const CODE_PROBLEMS: Record<ApplicationErrorCode, ProblemFacts> = {
  rule: { name: "rule-broken", status: 422, title: "The request breaks a rule" },
  validation: { name: "invalid-request", status: 400, title: "Invalid request parameters" },
  conflict: { name: "conflict", status: 409, title: "Changed by someone else in the meantime" },
  not_found: { name: "not-found", status: 404, title: "Not found" },
  setup_done: { name: "setup-done", status: 409, title: "Setup is already complete" },
  discovery_failed: { name: "discovery-failed", status: 502, title: "The discovery document could not be read" },
  busy: { name: "busy", status: 503, title: "The database is busy: try again" },
};

export type ProblemDetails = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [extension: string]: unknown;
};

/** The problem an error answers with: its body (RFC 9457 §3) and the headers that go with it. */
export function problemOf(
  error: ApplicationError,
  instance?: string,
): { body: ProblemDetails; headers: Record<string, string> } {
  const { name, status, title, extensions, headers } = error.problem ?? CODE_PROBLEMS[error.code];
  const body: ProblemDetails = {
    type: problemTypeUri(name),
    title,
    status,
    detail: error.message,
    ...(instance ? { instance } : {}),
    ...extensions,
  };
  return { body, headers: { ...NO_STORE, "Content-Type": "application/problem+json", ...headers } };
}

export function problemResponse(error: ApplicationError, instance?: string): Response {
  const { body, headers } = problemOf(error, instance);
  return new Response(JSON.stringify(body), { status: body.status, headers });
}
