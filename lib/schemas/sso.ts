/** The Sign-in settings forms (single sign-on), shared by the page and its server actions. */
import { z } from "zod";

/** A comma- or line-separated list as typed, split into its values. */
export function splitList(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map((v) => v.trim())
    .filter(Boolean);
}

const listField = z.string().max(4000, "Keep the list under 4000 characters.");

export const ssoSettingsSchema = z
  .object({
    issuer: z.url({ protocol: /^https?$/, error: "Enter the IdP's issuer URL, e.g. https://login.example.com." }),
    clientId: z.string().trim().min(1, "Enter the client ID the IdP issued.").max(255),
    // Empty keeps the stored secret (it is never shown again).
    clientSecret: z.string().max(2000, "A client secret is at most 2000 characters."),
    scopes: z
      .string()
      .trim()
      .max(500)
      .refine((v) => v.split(/\s+/).includes("openid"), "The scopes must include openid."),
    buttonLabel: z.string().trim().min(1, "Enter the button's label.").max(60, "At most 60 characters."),
    roleClaim: z.string().trim().min(1, "Enter the claim that carries the groups or roles.").max(100),
    adminValues: listField,
    auditorValues: listField,
    allowedDomains: listField,
  })
  .refine((v) => splitList(v.adminValues).length + splitList(v.auditorValues).length > 0, {
    path: ["adminValues"],
    message: "Map at least one claim value to Admin or Auditor.",
  });
export type SsoSettingsInput = z.infer<typeof ssoSettingsSchema>;

export const ssoSwitchSchema = z.object({
  enabled: z.boolean(),
  localSignInOff: z.boolean(),
  breakGlassEmails: listField.refine(
    (v) => splitList(v).every((email) => z.email().safeParse(email).success),
    "Enter e-mail addresses separated by commas.",
  ),
});
export type SsoSwitchInput = z.infer<typeof ssoSwitchSchema>;
