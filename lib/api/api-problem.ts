/**
 * The resource routes' refusals (connections, tests, audit events): ApplicationErrors with a
 * documented problem type, picked from the table of all problem types (lib/errors/problem-types.ts).
 * The gate's own refusals (key, rate limit, permission) are the same types the token API answers with.
 */
import { z } from "zod";
import { ApplicationError, type ProblemFacts } from "@/lib/errors/application-error";
import { problemTypeUri } from "@/lib/errors/problem-details";
import { pickProblemTypes } from "@/lib/errors/problem-types";

export const RESOURCE_PROBLEM_TYPES = pickProblemTypes([
  "invalid-api-key",
  "missing-permission",
  "rate-limited",
  "invalid-request",
  "connection-not-found",
  "test-not-found",
  "test-not-supported",
  "test-timed-out",
  "precondition-failed",
  "precondition-required",
  "rotation-conflict",
  "rule-broken",
]);

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
