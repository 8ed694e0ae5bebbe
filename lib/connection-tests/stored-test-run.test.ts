import { describe, expect, it } from "vitest";
import { TraceRecorder } from "@/lib/oauth/trace";
import { compareScopes, emptyResult, summarizeToken, type TestResultSummary } from "@/lib/connection-tests/test-result";
import { parseStoredTestRun, parseStoredTrace, storedDiagnosisTitle } from "@/lib/connection-tests/stored-test-run";
import type { Diagnosis } from "@/lib/diagnosis/diagnosis";

const row = {
  id: "run-1",
  connectionId: "conn-1",
  status: "FAILED",
  purpose: "TEST",
  grantType: "client_credentials",
  targetHost: "id.example.com",
  startedAt: new Date("2026-12-01T09:00:00Z"),
  finishedAt: new Date("2026-12-01T09:00:01Z"),
  durationMs: 1000,
};

function storedResult(): TestResultSummary {
  const result = emptyResult("TEST", "client_credentials");
  result.token = summarizeToken(
    { access_token: "opaque-token-value", token_type: "Bearer" },
    3600,
    new Date("2026-12-01T09:00:00Z"),
  );
  result.scopes = compareScopes(["api:read"], "api:read api:write");
  result.refresh = { ok: false, rotated: false, problem: "no refresh token" };
  result.warnings.push("The provider granted scopes you did not ask for: api:write.");
  result.metadataLint = ["The metadata does not list grant_types_supported."];
  result.certificateBinding = { thumbprint: "x5t-of-the-certificate", matches: false };
  return result;
}

const diagnosis: Diagnosis = {
  code: "invalid_client",
  title: "The provider refused the client's credentials",
  cause: "The client secret is wrong.",
  fix: "Rotate the secret.",
  details: { status: "401" },
  probes: [{ label: "client_secret_post", showed: "a token", gotToken: true }],
  suggestion: {
    action: "Switch to client_secret_post",
    change: { clientAuthMethod: "client_secret_post" },
    connectionVersion: 3,
  },
};

// The trace of a token request as the recording fetch keeps it: request, headers, status and body.
async function recordedTrace() {
  const trace = new TraceRecorder({ startedAt: row.startedAt });
  trace.record("discovery", "Discovery", "ok", { issuer: "https://id.example.com" }, ["Read the metadata."]);
  const providerAnswer = async () =>
    Response.json({ error: "invalid_client" }, { status: 401, headers: { "www-authenticate": "Basic" } });
  const fetch = trace.recordingFetch(providerAnswer);
  await trace
    .step("token_request", "Token request", () =>
      fetch("https://id.example.com/token?x=1", {
        method: "POST",
        body: new URLSearchParams({ grant_type: "client_credentials" }),
      }),
    )
    .catch(() => undefined);
  return trace.steps;
}

describe("parseStoredTestRun", () => {
  it("reads back exactly what a test recorded", async () => {
    const result = storedResult();
    const trace = await recordedTrace();
    expect(trace[1]!.http[0]).toMatchObject({
      method: "POST",
      status: 401,
      requestBody: { grant_type: "client_credentials" },
    });
    const run = parseStoredTestRun({
      ...row,
      result: JSON.stringify(result),
      trace: JSON.stringify(trace),
      diagnosis: JSON.stringify(diagnosis),
    });
    expect(run.result).toEqual(result);
    expect(run.trace).toEqual(trace);
    expect(run.diagnosis).toEqual(diagnosis);
  });

  it("reads a damaged column as empty instead of failing the page", () => {
    const run = parseStoredTestRun({ ...row, result: "{not json", trace: '{"steps": 1}', diagnosis: '{"code": 7}' });
    expect(run.result).toEqual(emptyResult("TEST", "client_credentials"));
    expect(run.trace).toEqual([]);
    expect(run.diagnosis).toBeNull();
  });

  it("drops only the section that does not match its type", () => {
    const result = { ...storedResult(), token: { tokenType: 42 }, warnings: "not a list" };
    const run = parseStoredTestRun({ ...row, result: JSON.stringify(result), trace: "[]", diagnosis: null });
    expect(run.result.token).toBeUndefined();
    expect(run.result.warnings).toEqual([]);
    expect(run.result.scopes).toEqual(storedResult().scopes);
  });
});

describe("parseStoredTrace", () => {
  it("keeps the steps that still read as steps", async () => {
    const [first, second] = await recordedTrace();
    expect(parseStoredTrace(JSON.stringify([first, { title: 3 }, second]))).toEqual([first, second]);
  });
});

describe("storedDiagnosisTitle", () => {
  it("reads the title of a stored diagnosis, or nothing", () => {
    expect(storedDiagnosisTitle(JSON.stringify(diagnosis))).toBe(diagnosis.title);
    expect(storedDiagnosisTitle(null)).toBeNull();
    expect(storedDiagnosisTitle('{"title": ["x"]}')).toBeNull();
  });
});
