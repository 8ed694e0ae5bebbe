import { describe, expect, it } from "vitest";
import { auditFilterQuery, parseAuditSearchParams } from "@/lib/schemas/audit-filter";

describe("parseAuditSearchParams", () => {
  it("accepts an empty filter", () => {
    expect(parseAuditSearchParams({})).toMatchObject({ ok: true, filter: {}, cursor: {} });
  });

  it("parses every filter, with the end date inclusive", () => {
    const parsed = parseAuditSearchParams({
      actor: " Admin@Example.TEST ",
      action: "user.created",
      connection: "conn-1",
      from: "2026-01-01",
      to: "2026-01-31",
      before: "120",
    });
    expect(parsed).toMatchObject({
      ok: true,
      filter: {
        actor: "admin@example.test",
        action: "user.created",
        connection: "conn-1",
        from: new Date("2026-01-01T00:00:00Z"),
        to: new Date("2026-01-31T00:00:00Z"),
        toExclusive: new Date("2026-02-01T00:00:00Z"),
      },
      cursor: { before: 120 },
    });
  });

  it("accepts a single-day range", () => {
    expect(parseAuditSearchParams({ from: "2026-03-05", to: "2026-03-05" }).ok).toBe(true);
  });

  it.each([
    ["yesterday", "is not a date"],
    ["2026-02-31", "is not a date"],
    ["2026-13-01", "is not a date"],
    ["26-1-1", "is not a date"],
  ])("explains a bad date %s", (from, message) => {
    const parsed = parseAuditSearchParams({ from });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.fieldErrors.from).toContain(message);
  });

  it("explains an end date before the start date", () => {
    const parsed = parseAuditSearchParams({ from: "2026-02-10", to: "2026-02-01" });
    expect(parsed).toMatchObject({ ok: false, fieldErrors: { to: "The end date is before the start date." } });
  });

  it("explains an unknown action and keeps what was typed", () => {
    const parsed = parseAuditSearchParams({ action: "user.deleted_everything", actor: "a@b.test" });
    expect(parsed).toMatchObject({
      ok: false,
      values: { action: "user.deleted_everything", actor: "a@b.test" },
      fieldErrors: { action: '"user.deleted_everything" is not an audit action. Choose one from the list.' },
    });
  });

  it.each(["abc", "0", "-5", "1.5", "99999999999999999999", "12abc"])("rejects the malformed cursor %s", (before) => {
    expect(parseAuditSearchParams({ before })).toMatchObject({
      ok: false,
      cursorError: "The page link is malformed: its position must be an event number.",
    });
    expect(parseAuditSearchParams({ after: before })).toMatchObject({ ok: false });
  });

  it("rejects a cursor that points both ways", () => {
    expect(parseAuditSearchParams({ before: "5", after: "3" })).toMatchObject({
      ok: false,
      cursorError: "The page link names both an older and a newer page.",
    });
  });

  it("uses the first of repeated parameters", () => {
    expect(parseAuditSearchParams({ action: ["user.created", "nonsense"] })).toMatchObject({
      ok: true,
      filter: { action: "user.created" },
    });
  });
});

describe("auditFilterQuery", () => {
  it("leaves out empty fields and appends extras", () => {
    expect(auditFilterQuery({ actor: "a@b.test", action: "", from: "2026-01-01" }, { format: "csv" })).toBe(
      "actor=a%40b.test&from=2026-01-01&format=csv",
    );
  });
});
