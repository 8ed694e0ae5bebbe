import { describe, expect, it } from "vitest";
import { SecretDecryptionError } from "@/lib/crypto/secret-box";
import { OutboundBlockedError } from "@/lib/net/address-policy";
import { ClientError, ResponseBodyError } from "@/lib/oauth/protocol-errors";
import { diagnoseError } from "@/lib/diagnosis/diagnose-error";
import { diagnoseOAuthError } from "@/lib/diagnosis/classify-oauth-error";
import type { DiagnosisContext } from "@/lib/diagnosis/diagnosis";

const context = (stage: DiagnosisContext["stage"], more: Partial<DiagnosisContext> = {}): DiagnosisContext => ({
  stage,
  grantType: "client_credentials",
  clientAuthMethod: "client_secret_basic",
  callbackUrl: "https://handshake.example/api/oauth/callback",
  scopes: ["api.read"],
  ...more,
});

/** openid-client's errors carry a code its types do not let the constructor take. */
const clientError = (code: string, cause: Response) => Object.assign(new ClientError(code, { cause }), { code });

const response = (status: number, contentType: string | null, body: string) =>
  new Response(body, { status, headers: contentType ? { "content-type": contentType } : {} });

describe("diagnoseError classifies the failure and words it from the stage's catalogue", () => {
  it("an OAuth error in a token response", async () => {
    const error = new ResponseBodyError("refused", {
      cause: { error: "invalid_scope", error_description: "no such scope" },
      response: response(400, null, ""),
    } as never);
    const diagnosis = await diagnoseError(error, context("token"));
    expect(diagnosis).toMatchObject({
      code: "invalid_scope",
      title: "Scopes refused",
      details: { error: "invalid_scope", status: "400", requestedScopes: "api.read" },
    });
    expect(diagnosis.cause).toBe(
      "The provider refused the requested scopes (api.read). The provider said: “no such scope”",
    );
  });

  it("a provider's synonym of a standard code, naming both", async () => {
    const error = new ResponseBodyError("refused", {
      cause: { error: "invalid_credentials" },
      response: response(401, null, ""),
    } as never);
    const diagnosis = await diagnoseError(error, context("token"));
    expect(diagnosis.code).toBe("invalid_client");
    expect(diagnosis.cause).toContain("“invalid_credentials” is not standard; it stands for invalid_client");
    expect(diagnosis.details).toMatchObject({ standard_error: "invalid_client", try: "client_secret_post" });
  });

  it("another server's wording of a PKCE-required refusal, in the callback of a plain code flow", async () => {
    const diagnosis = diagnoseOAuthError(
      "invalid_request",
      "Code challenge required.",
      context("callback", { grantType: "authorization_code" }),
    );
    expect(diagnosis).toMatchObject({ code: "pkce_required", title: "The provider requires PKCE" });
    expect(diagnosis.cause).toContain("The provider said: “Code challenge required.”");
    expect(
      diagnoseOAuthError(
        "invalid_request",
        "Code challenge required.",
        context("callback", { grantType: "authorization_code_pkce" }),
      ).code,
    ).toBe("invalid_request");
  });

  it("the same code at the refresh stage", async () => {
    const error = new ResponseBodyError("refused", {
      cause: { error: "invalid_grant" },
      response: response(400, null, ""),
    } as never);
    expect(await diagnoseError(error, context("refresh"))).toMatchObject({
      code: "invalid_grant",
      title: "Refresh token refused",
    });
    expect(await diagnoseError(error, context("token"))).toMatchObject({
      code: "invalid_grant",
      title: "Grant refused",
    });
  });

  it("a bare refusal and a web page from the token endpoint", async () => {
    const bare = clientError("OAUTH_RESPONSE_IS_NOT_CONFORM", response(401, null, ""));
    expect(await diagnoseError(bare, context("token"))).toMatchObject({
      code: "refused_without_reason",
      details: { status: "401", body: "empty" },
    });
    const page = clientError("OAUTH_RESPONSE_IS_NOT_JSON", response(200, "text/html", "<html></html>"));
    const diagnosis = await diagnoseError(page, context("token"));
    expect(diagnosis).toMatchObject({ code: "html_response", title: "HTML page instead of JSON" });
    expect(diagnosis.cause).toBe(
      "The token endpoint answered 200 with text/html instead of a JSON response (probably a login or error page). The body is not shown.",
    );
  });

  it("a connection that failed, anywhere in the cause chain", async () => {
    const dns = Object.assign(new Error("getaddrinfo ENOTFOUND idp.example"), {
      code: "ENOTFOUND",
      hostname: "idp.example",
    });
    const diagnosis = await diagnoseError(new TypeError("fetch failed", { cause: dns }), context("discovery"));
    expect(diagnosis).toMatchObject({ code: "dns_failure", details: { code: "ENOTFOUND", host: "idp.example" } });
    expect(diagnosis.cause).toBe(
      "The discovery endpoint's host name idp.example could not be resolved (DNS ENOTFOUND).",
    );
  });

  it("a request the guarded fetch refused", async () => {
    const blocked = new OutboundBlockedError("address", "10.0.0.5 is a private address", {
      host: "idp.internal",
      address: "10.0.0.5",
    });
    expect(await diagnoseError(blocked, context("token"))).toStrictEqual({
      code: "blocked_address",
      title: "Address refused",
      cause: "10.0.0.5 is a private address",
      fix: "Use the provider's public URL. An operator can allow an on-premises range with OUTBOUND_ALLOW_CIDRS (for example 10.20.0.0/16).",
      details: { reason: "address", host: "idp.internal", address: "10.0.0.5" },
    });
  });

  it("a stored secret the console cannot open, as its own failure, without the envelope's words", async () => {
    const error = new Error("client secret", {
      cause: new SecretDecryptionError("Encryption key k7 is not configured"),
    });
    const diagnosis = await diagnoseError(error, context("token"));
    expect(diagnosis).toMatchObject({ code: "stored_secret_unreadable", title: "Stored secret cannot be opened" });
    expect(diagnosis.cause).toContain("Nothing was sent to the provider.");
  });

  it("anything else, by its name and message only", async () => {
    expect(await diagnoseError(new RangeError("out of range"), context("token"))).toMatchObject({
      code: "unexpected_error",
      cause: "The test stopped with an unexpected error (RangeError: out of range).",
    });
  });
});
