import { expect, test } from "@playwright/test";
import { createUser, signInAsAdmin } from "../helpers/auth";
import { auditEventsOf } from "../helpers/audit-export";
import { signInOverHttp, type HttpSignInResult } from "../helpers/http-sign-in";
import { E2E } from "../support/env";

const INCORRECT = "Email or password is incorrect.";

test.describe.configure({ timeout: 120_000 });

test("[SEC][THROTTLE] parallel guesses pass the check only as often as allowed; refused ones leave no events; the owner gets in after a short delay", async ({
  page,
  playwright,
}) => {
  const user = createUser("AUDITOR");

  // Each guess in its own request context (own CSRF cookie), all at once.
  async function guessInParallel(count: number): Promise<HttpSignInResult[]> {
    const contexts = await Promise.all(
      Array.from({ length: count }, () => playwright.request.newContext({ baseURL: E2E.appUrl })),
    );
    const results = await Promise.all(
      contexts.map((c, i) => signInOverHttp(c, { email: user.email, password: `wrong-guess-${i}` })),
    );
    await Promise.all(contexts.map((c) => c.dispose()));
    return results;
  }

  const first = await guessInParallel(12);
  const checked = first.filter((r) => !r.ok && r.error === INCORRECT).length;
  expect(checked).toBeLessThanOrEqual(5);
  expect(
    first.filter((r) => !r.ok && /^Too many failed sign-ins\. Try again in \d+ seconds?\.$/.test(r.error)),
  ).toHaveLength(12 - checked);

  // A second wave meets the delay, doubled by each failure that got through (a slow machine may let
  // one through as a delay ends): most are refused, and refused ones are only counted.
  const second = await guessInParallel(20);
  const checkedLater = second.filter((r) => !r.ok && r.error === INCORRECT).length;
  expect(second.filter((r) => !r.ok && r.error.startsWith("Too many failed sign-ins")).length).toBeGreaterThan(
    checkedLater,
  );

  // The owner is delayed for seconds, not locked out: retrying with the right password gets in.
  const owner = await playwright.request.newContext({ baseURL: E2E.appUrl });
  await expect
    .poll(async () => (await signInOverHttp(owner, user)).ok, { timeout: 30_000, intervals: [1_000] })
    .toBe(true);
  await owner.dispose();

  await signInAsAdmin(page);
  const events = await auditEventsOf(page, user.email);
  const failed = events.filter((e) => e.action === "auth.sign_in_failed");
  expect(failed).toHaveLength(checked + checkedLater);
  expect(events.filter((e) => e.action === "auth.sign_in")).toHaveLength(1);
});
