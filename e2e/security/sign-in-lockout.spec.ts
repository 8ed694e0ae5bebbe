import { expect, test, type APIRequestContext } from "@playwright/test";
import { signInOverHttp } from "../helpers/http-sign-in";
import { E2E } from "../support/env";
import { spawnConsole, serveOrExit, type SpawnedConsole } from "../support/spawn-console";

// A console of its own behind a (pretend) trusted proxy, so each request can come from the address
// its X-Forwarded-For names, and these floods touch no other spec's counters.
let server: SpawnedConsole;
const admin = E2E.admin;
const THROTTLED = /^Too many failed sign-ins\. Try again in \d+ (seconds?|minutes?)\.$/;

test.describe.configure({ mode: "serial", timeout: 150_000 });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await spawnConsole({
    via: "npm-start",
    env: { TRUST_PROXY: "true", ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password },
  });
  expect(await serveOrExit(server), server.output()).toBe("serving");
});

test.afterAll(async () => {
  await server?.stop();
});

// A fresh connection per request: under load a reused keep-alive socket can meet the server closing
// it as idle, and the request fails with ECONNRESET before the console sees it.
const from = (address: string) => ({ "x-forwarded-for": address, connection: "close" });

async function auditEvents(request: APIRequestContext, action: string): Promise<Array<Record<string, unknown>>> {
  const response = await request.get(`${server.url}/api/audit/export?format=jsonl&action=${action}`, {
    headers: { "sec-fetch-site": "same-origin" },
  });
  expect(response.ok()).toBe(true);
  return (await response.text())
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

test("[SEC][THROTTLE] 50 concurrent sign-ins from one office address: none refused below its limit, every one audited", async ({
  playwright,
}) => {
  const office = "203.0.113.80";
  const contexts = await Promise.all(Array.from({ length: 50 }, () => playwright.request.newContext()));
  const results = await Promise.all(
    contexts.map((c, i) =>
      signInOverHttp(
        c,
        i === 0 ? admin : { email: `colleague-${i}@office.test`, password: "wrong-password-123" },
        from(office),
        server.url,
      ),
    ),
  );
  expect(results.filter((r) => !r.ok && THROTTLED.test(r.error))).toEqual([]);
  expect(results[0]).toEqual({ ok: true });
  expect(results.slice(1).every((r) => !r.ok && r.error === "Email or password is incorrect.")).toBe(true);

  const failed = (await auditEvents(contexts[0]!, "auth.sign_in_failed")).filter((e) => e.ip === office);
  expect(failed).toHaveLength(49);
  await Promise.all(contexts.map((c) => c.dispose()));
});

test("[SEC][LOCKOUT] guesses from fresh IPv6 addresses hold the account delay, yet the owner's known device gets in; the sustained delay is audited", async ({
  playwright,
}) => {
  const owner = await playwright.request.newContext();
  expect(await signInOverHttp(owner, admin, from("198.51.100.20"), server.url)).toEqual({ ok: true });
  const device = (await owner.storageState()).cookies.find((c) => c.name === "handshake-device");
  expect(device).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  // Each guess from a /64 of its own, as fast as the console answers, until the account's delay
  // has reached its cap and been reported.
  const attacker = await playwright.request.newContext();
  let guesses = 0;
  await expect
    .poll(
      async () => {
        guesses += 1;
        await signInOverHttp(
          attacker,
          { email: admin.email, password: `guess-${guesses}` },
          from(`2001:db8:${guesses.toString(16)}::1`),
          server.url,
        );
        return (await auditEvents(owner, "auth.sign_in_delay_sustained")).filter((e) => e.actorEmail === admin.email)
          .length;
      },
      { timeout: 120_000, intervals: [200] },
    )
    .toBe(1);

  // The account delay now runs for 30 seconds: an unknown browser at the owner's own address waits…
  const unknownBrowser = await playwright.request.newContext();
  const refused = await signInOverHttp(unknownBrowser, admin, from("198.51.100.20"), server.url);
  expect(refused.ok ? "" : refused.error).toMatch(THROTTLED);
  // …while the owner's known device is never refused by it, from anywhere.
  expect(await signInOverHttp(owner, admin, from("198.51.100.20"), server.url)).toEqual({ ok: true });
  expect(await signInOverHttp(owner, admin, from("192.0.2.77"), server.url)).toEqual({ ok: true });

  // Fresh addresses of one /64 are one address: the pair limit holds across them.
  const rotators = await Promise.all(Array.from({ length: 8 }, () => playwright.request.newContext()));
  const rotating = await Promise.all(
    rotators.map((c, i) =>
      signInOverHttp(
        c,
        { email: "someone-else@office.test", password: "wrong-password-123" },
        from(`2001:db8:ffff:1::${i + 1}`),
        server.url,
      ),
    ),
  );
  const checked = rotating.filter((r) => !r.ok && r.error === "Email or password is incorrect.").length;
  expect(checked).toBeLessThanOrEqual(5);
  expect(rotating.filter((r) => !r.ok && THROTTLED.test(r.error))).toHaveLength(8 - checked);
  await Promise.all(rotators.map((c) => c.dispose()));
  await Promise.all([owner, attacker, unknownBrowser].map((c) => c.dispose()));
});
