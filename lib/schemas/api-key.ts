import { z } from "zod";
import { recordIdSchema } from "@/lib/schemas/record-id";
import { API_PERMISSIONS, DEFAULT_PERMISSIONS } from "@/lib/api-keys/permissions";
import { labelledChoices } from "@/lib/schemas/labelled-choices";

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;
/** A new key expires after this many days unless the admin picks another date or none. */
export const DEFAULT_KEY_LIFETIME_DAYS = 90;

/** Whose tokens a key may read on Per-user connections (stored in ApiKey.userAccess). */
export const { values: USER_ACCESS, labels: USER_ACCESS_LABELS } = labelledChoices({
  SHARED_ONLY: "Shared tokens only",
  CHOSEN_USERS: "Chosen users",
  ALL_USERS: "All users",
});
export type UserAccess = (typeof USER_ACCESS)[number];

const permissionsField = z
  .array(z.enum(API_PERMISSIONS, "Choose permissions from the list."))
  .min(1, "Choose at least one permission.")
  .max(API_PERMISSIONS.length);

/** The Create API key form, shared by the dialog and the server action. */
export const createApiKeySchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "Enter a name, such as the service that will use the key.")
      .max(100, "Use at most 100 characters."),
    permissions: permissionsField,
    access: z.enum(["all", "chosen"]),
    connectionIds: z.array(z.string().min(1).max(64)).max(500),
    userAccess: z.enum(USER_ACCESS),
    userIds: z.array(z.string().min(1).max(64)).max(500),
    /** yyyy-mm-dd (the key stops working at the end of that day, UTC), or empty for no expiry. */
    expiresOn: z
      .string()
      .trim()
      .refine((v) => v === "" || /^\d{4}-\d{2}-\d{2}$/.test(v), "Enter a date as yyyy-mm-dd, or leave it empty.")
      .refine(
        (v) => v === "" || endOfDayUtc(v).getTime() > Date.now(),
        "Choose a date in the future, or leave it empty.",
      ),
    rateLimitPerMinute: z
      .number({ error: "Enter a number of requests per minute." })
      .int("Enter a whole number.")
      .min(1, "Allow at least 1 request per minute.")
      .max(100_000, "Use at most 100000 requests per minute."),
  })
  .refine((v) => v.access === "all" || v.connectionIds.length > 0, {
    path: ["connectionIds"],
    message: "Choose at least one connection, or allow all connections.",
  })
  .refine((v) => v.userAccess !== "CHOSEN_USERS" || v.userIds.length > 0, {
    path: ["userIds"],
    message: "Choose at least one user, or allow shared tokens only.",
  });
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

export const apiKeyIdSchema = z.object({ apiKeyId: recordIdSchema });

/** The key page's Permissions form, shared by the form and the server action. */
export const changeApiKeyPermissionsSchema = z.object({ apiKeyId: recordIdSchema, permissions: permissionsField });
export type ChangeApiKeyPermissionsInput = z.infer<typeof changeApiKeyPermissionsSchema>;

/** The form's starting values: the expiry is today + DEFAULT_KEY_LIFETIME_DAYS (UTC), which the admin may change or clear. */
export function defaultApiKeyValues(now = new Date()): CreateApiKeyInput {
  const expiresOn = new Date(now.getTime() + DEFAULT_KEY_LIFETIME_DAYS * 86_400_000).toISOString().slice(0, 10);
  return {
    name: "",
    permissions: [...DEFAULT_PERMISSIONS],
    access: "chosen",
    connectionIds: [],
    userAccess: "SHARED_ONLY",
    userIds: [],
    expiresOn,
    rateLimitPerMinute: DEFAULT_RATE_LIMIT_PER_MINUTE,
  };
}

export function endOfDayUtc(date: string): Date {
  return new Date(`${date}T23:59:59.999Z`);
}
