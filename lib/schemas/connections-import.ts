/** The Import page's form, shared by the form and its server actions (plan, then apply). */
import { z } from "zod";

/** Server actions take at most this much (next.config.ts); bigger files go through the CLI or the API. */
export const MAX_IMPORT_FILE_BYTES = 4 * 1024 * 1024;

export const connectionsImportSchema = z.object({
  text: z
    .string()
    .refine((text) => text.trim().length > 0, "Choose a connections file, or paste its contents.")
    .refine(
      (text) => new TextEncoder().encode(text).length <= MAX_IMPORT_FILE_BYTES,
      "The file is larger than 4 MB: split it, or use npm run connections -- plan.",
    ),
  prune: z.boolean(),
});
export type ConnectionsImportInput = z.infer<typeof connectionsImportSchema>;

/** Apply names the plan the admin read, by the file's checksum: a changed file is planned again. */
export const applyConnectionsImportSchema = connectionsImportSchema.extend({
  checksum: z.string().regex(/^[0-9a-f]{64}$/, "Make the plan first."),
});
