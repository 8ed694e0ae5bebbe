/**
 * The pieces every audit event kind is declared with (lib/audit/audit-events.ts): a closed details
 * object that refuses secret values, the field diff, and the label/schema pair of a kind.
 */
import { z } from "zod";
import { isSecretAuditField } from "@/lib/audit/label-audit-field";
import { findSecretValues } from "@/lib/audit/redact";

/** Details are a closed object (an unknown key is refused) holding no secret value at any depth. */
export function details<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape).superRefine((value, ctx) => {
    for (const path of findSecretValues(value))
      ctx.addIssue({ code: "custom", path, message: "Audit details never hold a secret value." });
  });
}

export const NO_DETAILS = details({});

/** A diff from lib/audit/diff.ts: values, or for a secret field the fact that it changed. */
export const diff = z
  .record(
    z.string(),
    z.union([
      z.strictObject({ from: z.unknown(), to: z.unknown() }),
      z.strictObject({ changed: z.literal(true), secret: z.literal(true) }),
    ]),
  )
  .superRefine((value, ctx) => {
    for (const [field, change] of Object.entries(value)) {
      if ("from" in change && isSecretAuditField(field))
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: "A secret field is audited as changed, never with its values.",
        });
    }
  });

/** The sha256 of the connections file an import applied (lib/connections-file/). */
export const importChecksum = z.string().regex(/^[0-9a-f]{64}$/);

/** A secret that changed outside a diff (a password): the fact only. */
export const changedFact = z.strictObject({ changed: z.literal(true) });

export function auditEvent<Details extends z.ZodType<Record<string, unknown>>>(label: string, detailsSchema: Details) {
  return { label, details: detailsSchema };
}
