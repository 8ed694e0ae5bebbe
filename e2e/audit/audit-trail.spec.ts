import { expect, test } from "@playwright/test";
import { createUser, signIn, signInAlert, signOut, submitRefusedSignIn, uniqueEmail } from "../helpers/auth";
import {
  addUserThroughUi,
  auditFilterError,
  auditRowActor,
  auditRowSeqs,
  auditRows,
  auditRowsFor,
  cancelUserChangesThroughUi,
  changeRoleThroughUi,
  diffRow,
  disableUserThroughUi,
  expandAuditRow,
  exportAuditBothWays,
  exportAuditCsv,
  exportAuditJsonLines,
  filterAudit,
  goToAudit,
  openAdminAndAuditor,
  openAuditAs,
  parseCsv,
  resetPasswordThroughUi,
  verifyIntegrity,
} from "../helpers/audit";

const ADMIN_ACTIONS = [
  "auth.sign_in_failed",
  "auth.sign_in",
  "user.created",
  "user.role_changed",
  "user.disabled",
  "user.password_reset",
  "auth.sign_out",
];

test("[AUDIT][TRAIL]: an auditor finds every change an admin made, with actor and diff, filters, exports the same events and verifies the chain", async ({
  browser,
}) => {
  const { admin, auditor, adminContext, adminPage } = await openAdminAndAuditor(browser);
  const target = uniqueEmail("audited");
  const secrets: string[] = [admin.password, auditor.password];

  await test.step("the admin fails a sign-in, signs in, creates a user, backs out of each change once, changes their role, disables them, resets their password and signs out", async () => {
    await adminPage.goto("/login");
    await submitRefusedSignIn(adminPage, { email: admin.email, password: "not-the-right-password" });
    await expect(signInAlert(adminPage)).toHaveText("Email or password is incorrect.");
    await signIn(adminPage, admin);
    secrets.push(await addUserThroughUi(adminPage, target, "AUDITOR"));
    // Each asks first; backing out records nothing (the exact event count below).
    await cancelUserChangesThroughUi(adminPage, target);
    await changeRoleThroughUi(adminPage, target, "ADMIN");
    await disableUserThroughUi(adminPage, target);
    secrets.push(await resetPasswordThroughUi(adminPage, target));
    await signOut(adminPage);
  });
  await adminContext.close();

  const page = await openAuditAs(browser, auditor);
  await filterAudit(page, { actor: admin.email });

  await test.step("every change is there, newest first, with the admin as actor", async () => {
    for (const action of ADMIN_ACTIONS) {
      await expect(auditRowsFor(page, action), action).toHaveCount(1);
      await expect(auditRowActor(auditRowsFor(page, action))).toHaveText(admin.email);
    }
    await expect(auditRows(page)).toHaveCount(ADMIN_ACTIONS.length);
    const seqs = await auditRowSeqs(page);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const actionsNewestFirst = await auditRows(page).evaluateAll((rows) =>
      rows.map((r) => r.getAttribute("data-action")),
    );
    expect(actionsNewestFirst).toEqual([...ADMIN_ACTIONS].reverse());
  });

  await test.step("each row expands to the full event and its field-level diff; secrets only as changed", async () => {
    const created = await expandAuditRow(page, auditRowsFor(page, "user.created"));
    await expect(created).toContainText(target);
    await expect(created).toContainText('"role": "AUDITOR"');

    const role = await expandAuditRow(page, auditRowsFor(page, "user.role_changed"));
    await expect(diffRow(role, "Role").getByRole("cell").nth(0)).toHaveText("AUDITOR");
    await expect(diffRow(role, "Role").getByRole("cell").nth(1)).toContainText("ADMIN");
    await expect(role).toContainText("Client address");

    const disabled = await expandAuditRow(page, auditRowsFor(page, "user.disabled"));
    await expect(diffRow(disabled, "Disabled").getByRole("cell").nth(0)).toHaveText("false");
    await expect(diffRow(disabled, "Disabled").getByRole("cell").nth(1)).toContainText("true");

    const reset = await expandAuditRow(page, auditRowsFor(page, "user.password_reset"));
    await expect(diffRow(reset, "Password")).toContainText("changed");
    await expect(diffRow(reset, "Password")).toContainText("secret: value not recorded");

    const failed = await expandAuditRow(page, auditRowsFor(page, "auth.sign_in_failed"));
    await expect(failed).toContainText("invalid_credentials");
  });

  const pageSeqs = await auditRowSeqs(page);

  await test.step("filters narrow the list: action, and a date range around today", async () => {
    await filterAudit(page, { action: "user.role_changed" });
    await expect(auditRows(page)).toHaveCount(1);
    await expect(page).toHaveURL(/action=user.role_changed/);

    const today = new Date().toISOString().slice(0, 10);
    await filterAudit(page, { action: "", from: today, to: today });
    await expect(auditRows(page)).toHaveCount(ADMIN_ACTIONS.length);
    await filterAudit(page, { from: "2001-01-01", to: "2001-01-31" });
    await expect(page.getByRole("heading", { name: "No events match" })).toBeVisible();
    await filterAudit(page, { from: "", to: "" });
    await expect(auditRows(page)).toHaveCount(ADMIN_ACTIONS.length);
  });

  await test.step("CSV and JSON Lines exports of the filter hold the same events, and no secret", async () => {
    const { csv, csvRecords, jsonl, events } = await exportAuditBothWays(page);
    expect(csv.name).toMatch(/^handshake-audit-\d{8}-\d{6}\.csv$/);
    const [header, ...records] = csvRecords;
    expect(header).toEqual(expect.arrayContaining(["seq", "actor_email", "action", "details", "hash"]));
    expect(records.map((r) => Number(r[0]))).toEqual(pageSeqs);
    const emailColumn = header!.indexOf("actor_email");
    expect(new Set(records.map((r) => r[emailColumn]))).toEqual(new Set([admin.email]));

    expect(jsonl.name).toMatch(/\.jsonl$/);
    expect(events.map((e) => e.seq)).toEqual(pageSeqs);
    expect(events.map((e) => e.action)).toEqual([...ADMIN_ACTIONS].reverse());
    expect(events.find((e) => e.action === "user.role_changed")!.details).toEqual({
      diff: { role: { from: "AUDITOR", to: "ADMIN" } },
    });

    for (const secret of secrets) {
      expect(csv.text).not.toContain(secret);
      expect(jsonl.text).not.toContain(secret);
    }
  });

  await test.step("no password appears anywhere on the unfiltered Audit page either", async () => {
    await goToAudit(page);
    for (const row of (await auditRows(page).all()).slice(0, 10)) await expandAuditRow(page, row);
    const html = await page.content();
    for (const secret of secrets) expect(html).not.toContain(secret);
  });

  await test.step("the exports were audited, with the auditor as actor", async () => {
    await goToAudit(page);
    await filterAudit(page, { actor: auditor.email, action: "audit.exported" });
    await expect(auditRows(page)).toHaveCount(2);
    const exported = await expandAuditRow(page, auditRows(page).first());
    await expect(exported).toContainText('"format": "jsonl"');
    await expect(exported).toContainText(admin.email);
  });

  await test.step("Verify integrity reports that all events verify", async () => {
    const result = await verifyIntegrity(page);
    await expect(result).toContainText("The audit trail is intact");
    await expect(result).toContainText(/All [\d,]+ events verify/);
  });
});

test("[AUDIT][FILTERS]: nonsensical filters get a clear message, not an error page, and the typed values stay", async ({
  page,
}) => {
  await signIn(page, createUser("AUDITOR"));

  await goToAudit(page, "from=2026-02-10&to=2026-02-01");
  await expect(auditFilterError(page)).toContainText("These filters cannot be applied");
  await expect(page.getByText("The end date is before the start date.")).toBeVisible();
  await expect(page.getByLabel("From", { exact: true })).toHaveValue("2026-02-10");

  await goToAudit(page, "action=user.exploded&actor=someone%40example.test");
  await expect(page.getByText('"user.exploded" is not an audit action. Choose one from the list.')).toBeVisible();
  await expect(page.getByLabel("Actor", { exact: true })).toHaveValue("someone@example.test");

  await goToAudit(page, "from=yesterday");
  await expect(page.getByText('"yesterday" is not a date. Use the form YYYY-MM-DD, e.g. 2026-01-31.')).toBeVisible();

  await goToAudit(page, "before=abc");
  await expect(auditFilterError(page)).toContainText(
    "The page link is malformed: its position must be an event number.",
  );
  await page.getByRole("link", { name: "Start from the newest events" }).click();
  await expect(auditRows(page).first()).toBeVisible();

  await test.step("the same through the form: an end date before the start date", async () => {
    await filterAudit(page, { from: "2026-03-10", to: "2026-03-01" });
    await expect(page.getByText("The end date is before the start date.")).toBeVisible();
    await expect(page.getByLabel("To", { exact: true })).toHaveValue("2026-03-01");
  });

  const badExport = await page.request.get("/api/audit/export?format=csv&to=2026-01-01&from=2026-02-01");
  expect(badExport.status()).toBe(400);
  expect(await badExport.text()).toContain("to: The end date is before the start date.");
  expect((await page.request.get("/api/audit/export?format=xml")).status()).toBe(400);
});

test("[AUDIT][EXPORT]: an empty result exports as a valid empty file", async ({ page }) => {
  await signIn(page, createUser("AUDITOR"));
  await goToAudit(page);
  await filterAudit(page, { actor: uniqueEmail("nobody") });
  await expect(page.getByRole("heading", { name: "No events match" })).toBeVisible();

  const csv = await exportAuditCsv(page);
  expect(parseCsv(csv.text)).toHaveLength(1);
  expect(csv.text.startsWith("seq,created_at,actor_id,actor_email")).toBe(true);
  const jsonl = await exportAuditJsonLines(page);
  expect(jsonl.text).toBe("");

  // Streamed as stored, not gzipped on the fly: compression would cap a large export at its speed.
  const served = await page.request.get(`/api/audit/export?format=csv&actor=${uniqueEmail("nobody")}`, {
    headers: { "sec-fetch-site": "same-origin", "accept-encoding": "gzip, br" },
  });
  expect(served.headers()["cache-control"]).toBe("no-store, no-transform");
  expect(served.headers()["content-encoding"]).toBeUndefined();
});

test("[AUDIT][ACCESS]: the export needs a signed-in auditor or admin", async ({ request }) => {
  const response = await request.get("/api/audit/export?format=csv");
  expect(response.status()).toBe(401);
});
