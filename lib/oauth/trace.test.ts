import { describe, expect, it } from "vitest";
import { TraceRecorder } from "@/lib/oauth/trace";

const TOKEN_URL = "https://idp.example.com/token";

function answering(status: number, body: unknown) {
  return async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

async function exchangeWith(status: number, body: unknown, succeeds: boolean) {
  const trace = new TraceRecorder();
  const fetch = trace.recordingFetch(answering(status, body));
  await trace
    .exchange("token_request", { request: "Token request", response: "Token response" }, async () => {
      await fetch(TOKEN_URL, { method: "POST", body: new URLSearchParams({ grant_type: "client_credentials" }) });
      if (!succeeds) throw new Error("refused");
      return "tokens";
    })
    .catch(() => undefined);
  return trace.steps.map((s) => [s.title, s.status]);
}

describe("TraceRecorder.exchange", () => {
  it("marks an answered request ok and its token response ok", async () => {
    expect(await exchangeWith(200, { access_token: "a".repeat(40), token_type: "Bearer" }, true)).toEqual([
      ["Token request", "ok"],
      ["Token response", "ok"],
    ]);
  });

  it("marks a refused request failed, not only its response", async () => {
    expect(await exchangeWith(401, { error: "invalid_client" }, false)).toEqual([
      ["Token request", "failed"],
      ["Token response", "failed"],
    ]);
  });

  it("marks a request refused with HTTP 200 failed (an error object with 200 is still a refusal)", async () => {
    expect(await exchangeWith(200, { error: "invalid_client" }, false)).toEqual([
      ["Token request", "failed"],
      ["Token response", "failed"],
    ]);
  });

  it("keeps the request ok when a 200 token response fails validation", async () => {
    expect(await exchangeWith(200, { access_token: "a".repeat(40) }, false)).toEqual([
      ["Token request", "ok"],
      ["Token response", "failed"],
    ]);
  });
});
