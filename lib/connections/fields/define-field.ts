import type { z } from "zod";
import type { ConnectionSchemaOptions } from "@/lib/schemas/connection-values";
import type { EditableStepId } from "@/lib/connections/connection-steps";
import type { FieldCodec } from "@/lib/connections/field-codecs";

/** One connection field: everything the console needs to know about it, in one entry. */
export type FieldSpec<Step extends EditableStepId, Schema extends z.ZodType> = {
  /** The visible label, also used by messages that name the field. */
  label: string;
  /** The wizard step (and edit-form section) that holds it. */
  step: Step;
  /** Its own validation; rules that span fields live in lib/schemas/connection.ts. */
  schema: (options: ConnectionSchemaOptions) => Schema;
  /** The value of a new connection. */
  default: z.input<Schema>;
  codec: FieldCodec<z.input<Schema>, z.output<Schema>>;
  /** A secret is write-only: never read back into the form, audited only as "changed". */
  secret?: true;
  /** Copied when a connection is duplicated (a secret never is). */
  duplicate: boolean;
  /** The name in audit details, when what the audit compares is a fact about the value rather than the value. */
  auditName?: string;
};

export function defineField<const Step extends EditableStepId, Schema extends z.ZodType>(
  spec: FieldSpec<Step, Schema>,
): FieldSpec<Step, Schema> {
  return spec;
}
