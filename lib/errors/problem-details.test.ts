import { describe, expect, it } from "vitest";
import { runPublicAction } from "@/lib/actions/action-result";
import { ApplicationError } from "@/lib/errors/application-error";
import { problemResponse } from "@/lib/errors/problem-details";
import { TokenApiProblem } from "@/lib/tokens/problem-response";

async function answer(response: Response) {
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe("an ApplicationError, mapped alike", () => {
  it("is an action result with its message next to its field, and a problem with the same message", async () => {
    const error = new ApplicationError("This connection changed meanwhile.", "conflict", "name");
    const result = await runPublicAction(async () => {
      throw error;
    });
    expect(result).toEqual({
      ok: false,
      error: "This connection changed meanwhile.",
      code: "conflict",
      fieldErrors: { name: "This connection changed meanwhile." },
    });
    expect(await answer(problemResponse(error, "/api/x"))).toMatchObject({
      status: 409,
      headers: { "content-type": "application/problem+json", "cache-control": "no-store" },
      body: {
        type: "urn:handshake:problem:conflict",
        title: "Changed by someone else in the meantime",
        status: 409,
        detail: "This connection changed meanwhile.",
        instance: "/api/x",
      },
    });
  });

  it("answers a token API refusal with its documented type, status, members and headers", async () => {
    const limited = await answer(
      problemResponse(
        new TokenApiProblem("rate-limited", "This key may make 5 requests per minute.", { retryAfterSeconds: 12 }),
      ),
    );
    expect(limited).toMatchObject({ status: 429, headers: { "retry-after": "12" } });
    expect(limited.body).toEqual({
      type: "urn:handshake:problem:rate-limited",
      title: "Too many requests for this API key",
      status: 429,
      detail: "This key may make 5 requests per minute.",
      retry_after: 12,
    });
    const badKey = await answer(
      problemResponse(
        new TokenApiProblem("invalid-api-key", "The API key is not known.", { challengeError: "invalid_token" }),
      ),
    );
    expect(badKey).toMatchObject({
      status: 401,
      headers: { "www-authenticate": 'Bearer realm="handshake-token-api", error="invalid_token"' },
    });
    const missing = await answer(problemResponse(new TokenApiProblem("invalid-api-key", "Send an API key.")));
    expect(missing.headers["www-authenticate"]).toBe('Bearer realm="handshake-token-api"');
  });
});
