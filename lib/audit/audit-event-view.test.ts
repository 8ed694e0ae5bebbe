import { describe, expect, it } from "vitest";
import { auditTargetHref, toAuditEventView } from "@/lib/audit/audit-event-view";
import type { AuditEvent } from "@/lib/db/generated/client";

function event(details: string, action = "connection.updated"): AuditEvent {
  return {
    seq: 7,
    createdAt: new Date("2026-01-02T03:04:05Z"),
    actorId: "u1",
    actorEmail: "admin@example.test",
    actorRole: "ADMIN",
    ip: "10.0.0.1",
    userAgent: "UA",
    action,
    targetType: "connection",
    targetId: "c1",
    targetName: "CRM",
    connectionId: "c1",
    details,
    prevHash: "p",
    hash: "h",
  };
}

describe("toAuditEventView", () => {
  it("splits the diff into rows, secret fields only as changed, and keeps the other details", () => {
    const view = toAuditEventView(
      event(
        JSON.stringify({
          activated: true,
          diff: {
            name: { from: "a", to: "b" },
            clientSecret: { changed: true, secret: true },
            scopes: { from: null, to: ["x"] },
          },
        }),
      ),
    );
    expect(view.diff).toEqual([
      { field: "name", label: "Connection name", secret: false, from: "a", to: "b" },
      { field: "clientSecret", label: "Client secret", secret: true },
      { field: "scopes", label: "Scopes", secret: false, from: null, to: ["x"] },
    ]);
    expect(view.details).toEqual({ activated: true });
    expect(view).toMatchObject({ actionLabel: "Connection updated", createdAt: "2026-01-02T03:04:05.000Z" });
  });

  it("shows a top-level secret fact such as a password reset as a changed secret field", () => {
    const view = toAuditEventView(
      event(JSON.stringify({ password: { changed: true }, oneTimePassword: true }), "user.password_reset"),
    );
    expect(view.diff).toEqual([{ field: "password", label: "Password", secret: true }]);
    expect(view.details).toEqual({ oneTimePassword: true });
  });

  it("labels diff keys as the form does, under their audit name too, and the lifecycle and user keys", () => {
    const view = toAuditEventView(
      event(
        JSON.stringify({
          diff: {
            tokenUrl: { from: "a", to: "b" },
            discoveryImported: { from: false, to: true },
            enabled: { from: true, to: false },
            role: { from: "A", to: "B" },
            custom: { from: 1, to: 2 },
          },
        }),
      ),
    );
    expect(view.diff.map((row) => row.label)).toEqual(["Token URL", "Discovery metadata", "Enabled", "Role", "custom"]);
  });

  it("shows stored details that no longer match their kind's schema as stored, and an undeclared kind by its name", () => {
    const legacy = toAuditEventView(
      event(JSON.stringify({ outcome: "SUCCESS", client: "legacy" }), "connection.tested"),
    );
    expect(legacy).toMatchObject({
      actionLabel: "Connection tested",
      details: { outcome: "SUCCESS", client: "legacy" },
      diff: [],
    });
    const retired = toAuditEventView(event(JSON.stringify({ note: "kept" }), "connection.archived"));
    expect(retired).toMatchObject({ actionLabel: "connection.archived", details: { note: "kept" } });
  });

  it("survives details that are not a JSON object", () => {
    expect(toAuditEventView(event("not json")).details).toEqual({ unparsable: "not json" });
    expect(toAuditEventView(event("[1,2]")).details).toEqual({ value: [1, 2] });
    expect(toAuditEventView(event('{"diff": "odd"}')).diff).toEqual([]);
  });
});

describe("auditTargetHref", () => {
  const context = { liveConnectionIds: new Set(["c1"]), canOpenUsers: true };
  it("links a live connection to its page and a user to the Users page", () => {
    expect(auditTargetHref({ targetType: "connection", targetId: "c1" }, context)).toBe("/connections/c1");
    expect(auditTargetHref({ targetType: "user", targetId: "u1" }, context)).toBe("/users");
  });
  it("links nothing for a deleted connection, a user page the viewer may not open, or no target", () => {
    expect(auditTargetHref({ targetType: "connection", targetId: "gone" }, context)).toBeUndefined();
    expect(
      auditTargetHref({ targetType: "user", targetId: "u1" }, { ...context, canOpenUsers: false }),
    ).toBeUndefined();
    expect(auditTargetHref({ targetType: null, targetId: null }, context)).toBeUndefined();
  });
});
