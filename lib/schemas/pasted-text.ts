/** Pasted key material (PEM, JWK) in the credential forms: bounded, and required only for the source that uses it. */
import { z } from "zod";

export function pastedText(max: number) {
  return z.string().max(max, `Use at most ${max} characters.`);
}

/** The fields the chosen source needs, each with the message shown next to it while it is blank. */
type RequiredBySource<V extends { source: string }> = Partial<
  Record<V["source"], [field: keyof V & string, message: string][]>
>;

/** A form's refinement: the fields of the chosen source must not be blank; the other sources' may. */
export function requiredForSource<V extends { source: string }>(required: RequiredBySource<V>) {
  return (values: V, ctx: z.RefinementCtx): void => {
    const fields: [keyof V & string, string][] = required[values.source as V["source"]] ?? [];
    for (const [field, message] of fields)
      if (!String(values[field]).trim()) ctx.addIssue({ code: "custom", path: [field], message });
  };
}
