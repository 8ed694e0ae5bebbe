/**
 * The resource routes' refusals (connections, tests, audit events): ApplicationErrors with a
 * documented problem type. The gate's own refusals (key, rate limit, permission) are the token
 * API's types (lib/tokens/token-api-schemas.ts), shared here so one table documents them all.
 */
import { z } from "zod";
import { ApplicationError, type ProblemFacts } from "@/lib/errors/application-error";
import { problemTypeUri } from "@/lib/errors/problem-details";
import { PROBLEM_TYPES } from "@/lib/tokens/token-api-schemas";

export const RESOURCE_PROBLEM_TYPES = {
  "invalid-api-key": PROBLEM_TYPES["invalid-api-key"],
  "missing-permission": PROBLEM_TYPES["missing-permission"],
  "rate-limited": PROBLEM_TYPES["rate-limited"],
  "invalid-request": PROBLEM_TYPES["invalid-request"],
  "connection-not-found": PROBLEM_TYPES["connection-not-found"],
  "test-not-found": { status: 404, title: "No such test run, or this API key may not read its connection" },
  "test-not-supported": {
    status: 409,
    title: "Only client-credentials connections can be tested through the API (code flows need a browser)",
  },
  "test-timed-out": { status: 504, title: "The test did not finish in time; its result appears in the test history" },
  "precondition-failed": { status: 412, title: "The connection changed since the ETag you sent" },
  "precondition-required": { status: 428, title: "Send If-Match with the connection's ETag" },
  "rotation-conflict": {
    status: 409,
    title: "The key rotation is not at the step this request needs (prepare, test, switch, retire)",
  },
  // What lib/errors/problem-details.ts answers for an ApplicationError of code "rule" (a taken name…).
  "rule-broken": { status: 422, title: "The request breaks a rule" },
} as const;

export type ResourceProblemType = keyof typeof RESOURCE_PROBLEM_TYPES;

export class ApiProblem extends ApplicationError {
  override readonly problem: ProblemFacts;

  constructor(
    readonly type: ResourceProblemType,
    detail: string,
    extensions?: Record<string, unknown>,
  ) {
    super(detail);
    this.problem = { name: type, ...RESOURCE_PROBLEM_TYPES[type], extensions };
  }
}

export const resourceProblemSchema = z
  .object({
    type: z.enum(Object.keys(RESOURCE_PROBLEM_TYPES).map(problemTypeUri) as [string, ...string[]]),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    retry_after: z.number().int().optional().meta({ description: "Seconds, as in the Retry-After header." }),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .meta({ description: "Invalid input: one message per field, as the console shows them next to the field." }),
  })
  .meta({ description: "RFC 9457 problem details, served as application/problem+json." });

/** A query that does not parse: every message, so the caller can fix all at once. */
export function invalidQuery(error: z.ZodError): ApiProblem {
  return new ApiProblem(
    "invalid-request",
    error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join(" "),
  );
}
