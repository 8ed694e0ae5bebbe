import type { z } from "zod";

/** JSON kept in a text column, read back through its schema: null when empty, not JSON, or not of that shape. */
export function parseJsonColumn<S extends z.ZodType>(text: string | null | undefined, schema: S): z.output<S> | null {
  if (!text) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
