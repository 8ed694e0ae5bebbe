/** Audit events for tests that only need events in the chain (appending, verifying, pruning). */
import type { AuditActor, AuditEventInput } from "@/lib/audit/record-audit-event";

/** A passed client credentials test of the connection `target`. */
export function passedTestEvent(
  actor: AuditActor,
  target: { id: string; name: string },
): AuditEventInput<"connection.tested"> {
  return {
    actor,
    action: "connection.tested",
    target: { type: "connection", ...target },
    details: {
      testRunId: "run-1",
      purpose: "TEST",
      grantType: "client_credentials",
      targetHost: null,
      outcome: "SUCCESS",
    },
  };
}

/** An admin created a user: an event with details of its own, appended outside any transaction. */
export function userCreatedEvent(actor: AuditActor): AuditEventInput<"user.created"> {
  return {
    actor,
    action: "user.created",
    target: { type: "user", id: "u1", name: "someone" },
    details: { role: "ADMIN" },
  };
}
