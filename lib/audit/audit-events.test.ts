import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, AUDIT_EVENTS, auditActionLabel, checkAuditDetails } from "@/lib/audit/audit-events";
import { AUTH_AUDIT_EVENTS } from "@/lib/audit/auth-audit-events";
import { CONNECTION_AUDIT_EVENTS } from "@/lib/audit/connection-audit-events";
import { diffFields } from "@/lib/audit/diff";
import { OPERATIONS_AUDIT_EVENTS } from "@/lib/audit/operations-audit-events";

describe("AUDIT_EVENTS", () => {
  it("declares each kind once with its own label", () => {
    const labels = AUDIT_ACTIONS.map((action) => AUDIT_EVENTS[action].label);
    expect(new Set(labels).size).toBe(AUDIT_ACTIONS.length);
    // The registry spreads the concern files: a kind declared in two of them would silently keep one.
    const declared = [AUTH_AUDIT_EVENTS, CONNECTION_AUDIT_EVENTS, OPERATIONS_AUDIT_EVENTS].flatMap(Object.keys);
    expect(declared).toHaveLength(AUDIT_ACTIONS.length);
    expect(auditActionLabel("connection.tested")).toBe("Connection tested");
    // A kind stored by an older version and no longer declared is shown as stored.
    expect(auditActionLabel("connection.archived")).toBe("connection.archived");
  });

  it("refuses a key no kind declares, so a secret cannot ride along under a new name", () => {
    for (const action of AUDIT_ACTIONS) {
      expect(AUDIT_EVENTS[action].details.safeParse({ clientSecret: "s3cret" }).success, action).toBe(false);
    }
  });

  it("refuses a secret value at any depth, even where the schema takes any key", () => {
    const exported = AUDIT_EVENTS["audit.exported"].details;
    expect(exported.safeParse({ format: "csv", filter: { actor: "a@example.test" } }).success).toBe(true);
    expect(exported.safeParse({ format: "csv", filter: { access_token: "eyJhbGciOi" } }).success).toBe(false);
    expect(
      AUDIT_EVENTS["user.password_reset"].details.safeParse({ password: "plain", oneTimePassword: false }).success,
    ).toBe(false);
  });

  it("takes a diff whose secret fields are only reported as changed, and refuses their values", () => {
    const updated = AUDIT_EVENTS["connection.updated"].details;
    const honest = diffFields(
      { tokenUrl: "https://a", clientSecret: "old" },
      { tokenUrl: "https://b", clientSecret: "new" },
      { secretFields: ["clientSecret"] },
    );
    expect(updated.safeParse({ diff: honest }).success).toBe(true);
    const leaky = diffFields({ clientSecret: "old" }, { clientSecret: "new" });
    expect(updated.safeParse({ diff: leaky }).success).toBe(false);
    expect(
      AUDIT_EVENTS["user.role_changed"].details.safeParse({ diff: { password: { from: "a", to: "b" } } }).success,
    ).toBe(false);
  });
});

describe("checkAuditDetails", () => {
  it("passes details that match the kind's schema, and a kind without details with none", () => {
    expect(() => checkAuditDetails("keys.rotated", { activeKeyId: "k2", reencrypted: 3 })).not.toThrow();
    expect(() => checkAuditDetails("auth.sign_in", undefined)).not.toThrow();
  });

  it("refuses wrong details at compile time and at run time, naming the path but never the value", () => {
    // @ts-expect-error a connection test's details need its run, purpose, grant and host
    expect(() => checkAuditDetails("connection.tested", { outcome: "SUCCESS" })).toThrow(
      /connection\.tested refused.*testRunId/,
    );
    // @ts-expect-error details of another kind
    expect(() => checkAuditDetails("api_key.revoked", { activeKeyId: "k2", reencrypted: 3 })).toThrow(
      /api_key\.revoked refused/,
    );
    let message = "";
    try {
      // @ts-expect-error no kind declares a token in its details
      checkAuditDetails("auth.sign_in", { refresh_token: "rt-value-never-shown" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("refresh_token");
    expect(message).not.toContain("rt-value-never-shown");
  });
});
