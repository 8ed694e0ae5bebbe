/**
 * Every problem type the APIs document (RFC 9457): its HTTP status and title, in one table. Each API
 * picks the types it answers with (the token API, lib/tokens/token-api-schemas.ts; the resource
 * routes, lib/api/api-problem.ts), so a type they share reads the same in both.
 */
const PROBLEM_TYPES = {
  "invalid-request": { status: 400, title: "Invalid request parameters" },
  "invalid-api-key": { status: 401, title: "Missing or invalid API key" },
  "missing-permission": { status: 403, title: "This API key lacks the permission the request needs" },
  "user-not-allowed": { status: 403, title: "This API key may not read this user's token" },
  "connection-not-found": { status: 404, title: "No such connection, or this API key may not read it" },
  "test-not-found": { status: 404, title: "No such test run, or this API key may not read its connection" },
  "user-suspended": { status: 409, title: "The user is disabled: their tokens are suspended" },
  "connection-disabled": { status: 409, title: "The connection is disabled or not active" },
  "no-token-set": { status: 409, title: "No token set yet" },
  "reauthorization-required": { status: 409, title: "The connection needs to be authorized again" },
  "precondition-failed": { status: 412, title: "The connection changed since the ETag you sent" },
  // What lib/errors/problem-details.ts answers for an ApplicationError of code "rule" (a taken name…).
  "rule-broken": { status: 422, title: "The request breaks a rule" },
  "precondition-required": { status: 428, title: "Send If-Match with the connection's ETag" },
  "rate-limited": { status: 429, title: "Too many requests for this API key" },
  "provider-unavailable": { status: 503, title: "The provider is unavailable" },
  "test-timed-out": { status: 504, title: "The test did not finish in time; its result appears in the test history" },
  "token-request-refused": {
    status: 409,
    title: "The provider refused the token request: an admin must fix and test the connection",
  },
  "test-not-supported": {
    status: 409,
    title: "Only client-credentials connections can be tested through the API (code flows need a browser)",
  },
  "rotation-conflict": {
    status: 409,
    title: "The key rotation is not at the step this request needs (prepare, test, switch, retire)",
  },
} as const;

type ProblemTypeName = keyof typeof PROBLEM_TYPES;

/** The rows of `names`, in that order (the order the API's OpenAPI document lists them in). */
export function pickProblemTypes<const Name extends ProblemTypeName>(
  names: readonly Name[],
): { [N in Name]: (typeof PROBLEM_TYPES)[N] } {
  return Object.fromEntries(names.map((name) => [name, PROBLEM_TYPES[name]])) as {
    [N in Name]: (typeof PROBLEM_TYPES)[N];
  };
}
