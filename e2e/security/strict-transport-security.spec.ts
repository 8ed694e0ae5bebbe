/**
 * HSTS (RFC 6797) follows the public URL: a console behind https tells browsers to use https only,
 * one on plain http (where browsers would ignore it anyway) says nothing.
 */
import { expect, test } from "@playwright/test";
import { startSecondConsole } from "../helpers/api-keys";
import { E2E } from "../support/env";

test("[SEC][HSTS] a console whose APP_URL is https sends Strict-Transport-Security, one on http does not", async ({
  request,
}) => {
  test.setTimeout(180_000);
  const https = await startSecondConsole({ port: E2E.httpsPublicAppPort, publicUrl: "https://handshake.example.test" });
  try {
    for (const path of ["/login", "/api/health", "/connections"]) {
      const response = await request.get(`${https.url}${path}`, { maxRedirects: 0 });
      expect(response.headers()["strict-transport-security"], path).toBe("max-age=31536000");
    }
  } finally {
    await https.stop();
  }

  for (const path of ["/login", "/api/health"]) {
    const response = await request.get(`${E2E.appUrl}${path}`, { maxRedirects: 0 });
    expect(response.headers()["strict-transport-security"], path).toBeUndefined();
  }
});
