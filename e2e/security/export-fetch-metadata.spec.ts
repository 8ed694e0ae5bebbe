/**
 * Exports answer only requests the console's own pages (or the address bar) started. Fetch Metadata
 * says where a request came from: `same-site` is another origin of the same site (a sibling
 * subdomain, another port), which is as foreign to the console as another site.
 */
import { expect } from "@playwright/test";
import { test } from "../helpers/admin-test";
import { seedClientCredentialsConnection } from "../helpers/seed-connection";
import { runPassingConnectionTest } from "../helpers/test-connection";

test("[SEC][CSRF] exports refuse same-site and cross-site requests and serve the console's own", async ({ page }) => {
  const connection = await seedClientCredentialsConnection();
  const testRunId = await runPassingConnectionTest(page, connection.id);

  const exports = [
    "/api/audit/export?format=csv",
    "/api/inventory/export",
    `/api/connections/${connection.id}/tests/${testRunId}/trace`,
  ];
  for (const path of exports) {
    for (const site of ["same-site", "cross-site"]) {
      const refused = await page.request.get(path, { headers: { "sec-fetch-site": site } });
      expect(refused.status(), `${path} from ${site}`).toBe(403);
      expect(refused.headers()["content-disposition"], `${path} from ${site}`).toBeUndefined();
    }
    for (const site of ["same-origin", "none"]) {
      const served = await page.request.get(path, { headers: { "sec-fetch-site": site } });
      expect(served.status(), `${path} from ${site}`).toBe(200);
      expect(served.headers()["content-disposition"], `${path} from ${site}`).toMatch(/^attachment;/);
    }
  }
});
