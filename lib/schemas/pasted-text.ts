/** Pasted key material (PEM, JWK) in the credential forms: bounded, and required only for the source that uses it. */
import { z } from "zod";

export function pastedText(max: number) {
  return z.string().max(max, `Use at most ${max} characters.`);
}

/** Adds `message` at `field` when its text is blank. */
export function requirePasted(ctx: z.RefinementCtx, text: string, field: string, message: string): void {
  if (!text.trim()) ctx.addIssue({ code: "custom", path: [field], message });
}
