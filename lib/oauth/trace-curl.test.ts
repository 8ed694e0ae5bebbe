import { describe, expect, it } from "vitest";
import { curlForExchange } from "@/lib/oauth/trace-curl";
import { redactParameters, redactRequestHeaders } from "@/lib/oauth/redact";

const SECRET = "s3cr3t-value-that-must-never-appear";

describe("curlForExchange", () => {
  it("replays a token request with placeholders for the secret and the code", () => {
    const body = new URLSearchParams({
      grant_type: "authorization_code",
      code: "abcdefghijklmnopqrstuvwxyz",
      client_id: "app",
      client_secret: SECRET,
      redirect_uri: "https://console/cb",
    });
    const curl = curlForExchange({
      method: "POST",
      url: "https://idp.example.com/token",
      requestHeaders: redactRequestHeaders({
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`app:${SECRET}`).toString("base64")}`,
      }),
      requestBody: redactParameters(body),
      durationMs: 1,
    });
    expect(curl).not.toContain(SECRET);
    expect(curl).not.toContain("abcdefghijkl");
    expect(curl).toBe(
      [
        "curl --request POST",
        "'https://idp.example.com/token'",
        `--user "\${CLIENT_ID}"':'"\${CLIENT_SECRET}"`,
        "--header 'content-type: application/x-www-form-urlencoded'",
        "--data-urlencode 'grant_type=authorization_code'",
        `--data-urlencode 'code='"\${AUTHORIZATION_CODE}"`,
        "--data-urlencode 'client_id=app'",
        `--data-urlencode 'client_secret='"\${CLIENT_SECRET}"`,
        "--data-urlencode 'redirect_uri=https://console/cb'",
      ].join(" \\\n  "),
    );
  });

  it("quotes literal values for the shell and encodes query parameters", () => {
    const curl = curlForExchange({
      method: "GET",
      url: "https://api.example.com/me",
      query: { q: 'a "b" $c`', state: "abcdefgh…" },
      requestHeaders: { authorization: "Bearer abcdefgh…" },
      durationMs: 1,
    });
    expect(curl).toContain(`'https://api.example.com/me?q=a%20%22b%22%20%24c%60&state='"\${STATE}"`);
    expect(curl).toContain(`--header 'Authorization: Bearer '"\${ACCESS_TOKEN}"`);
  });

  it("names hidden parameters after themselves", () => {
    const curl = curlForExchange({
      method: "POST",
      url: "https://idp/token",
      requestHeaders: {},
      requestBody: { "x-tenant": "[not shown]" },
      durationMs: 1,
    });
    expect(curl).toContain(`--data-urlencode 'x-tenant='"\${X_TENANT}"`);
  });
});
