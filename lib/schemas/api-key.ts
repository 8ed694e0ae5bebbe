import { z } from "zod";
import { recordIdSchema } from "@/lib/schemas/record-id";

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

/** The Create API key form, shared by the dialog and the server action. */
export const createApiKeySchema = z
  .object({
    name: z.string().trim().min(1, "Enter a name, such as the service that will use the key.").max(100, "Use at most 100 characters."),
    access: z.enum(["all", "chosen"]),
    connectionIds: z.array(z.string().min(1).max(64)).max(500),
    /** yyyy-mm-dd (the key stops working at the end of that day, UTC), or empty for no expiry. */
    expiresOn: z
      .string()
      .trim()
      .refine((v) => v === "" || /^\d{4}-\d{2}-\d{2}$/.test(v), "Enter a date as yyyy-mm-dd, or leave it empty.")
      .refine((v) => v === "" || endOfDayUtc(v).getTime() > Date.now(), "Choose a date in the future, or leave it empty."),
    rateLimitPerMinute: z
      .number({ error: "Enter a number of requests per minute." })
      .int("Enter a whole number.")
      .min(1, "Allow at least 1 request per minute.")
      .max(100_000, "Use at most 100000 requests per minute."),
  })
  .refine((v) => v.access === "all" || v.connectionIds.length > 0, {
    path: ["connectionIds"],
    message: "Choose at least one connection, or allow all connections.",
  });
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

export const apiKeyIdSchema = z.object({ apiKeyId: recordIdSchema });

export function endOfDayUtc(date: string): Date {
  return new Date(`${date}T23:59:59.999Z`);
}
