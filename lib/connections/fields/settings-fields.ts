/** The connection's identity and grant: the wizard's first two steps. */
import { z } from "zod";
import { GRANT_TYPES, PKCE_METHODS } from "@/lib/connections/connection-options";
import { CONTROL_CHARACTERS, DESCRIPTION_MAX, NAME_MAX, NAME_MIN, optionalText } from "@/lib/schemas/connection-values";
import { choice, json, optionalText as optionalTextColumn, plain } from "@/lib/connections/field-codecs";
import { connectionNameKey } from "@/lib/connections/name-key";
import { defineField } from "@/lib/connections/fields/define-field";

export const SETTINGS_FIELDS = {
  providerType: defineField({
    label: "Provider type",
    step: "settings",
    schema: () => z.string().max(64),
    default: "custom",
    codec: plain("providerType"),
    duplicate: true,
  }),
  providerParams: defineField({
    label: "Provider details",
    step: "settings",
    schema: () => z.record(z.string().max(32), z.string().trim().max(253, "Use at most 253 characters.")),
    default: {},
    codec: json("providerParams", z.record(z.string(), z.string()), {}),
    duplicate: true,
  }),
  name: defineField({
    label: "Connection name",
    step: "settings",
    schema: () =>
      z
        .string()
        .trim()
        .min(NAME_MIN, `Use at least ${NAME_MIN} characters.`)
        .max(NAME_MAX, `Use at most ${NAME_MAX} characters.`)
        .refine((v) => !CONTROL_CHARACTERS.test(v), "Remove line breaks and control characters."),
    default: "",
    codec: {
      ...plain("name"),
      columns: ["name", "nameKey"],
      // The unique nameKey column makes names unique regardless of case.
      write: (name) => ({ name, nameKey: connectionNameKey(name) }),
    },
    duplicate: false,
  }),
  description: defineField({
    label: "Description",
    step: "settings",
    schema: () => optionalText(DESCRIPTION_MAX, `Use at most ${DESCRIPTION_MAX} characters.`),
    default: "",
    codec: optionalTextColumn("description"),
    duplicate: true,
  }),
  grantType: defineField({
    label: "Grant type",
    step: "grant",
    schema: () => z.enum(GRANT_TYPES, { message: "Choose a grant type." }),
    default: "authorization_code_pkce",
    codec: choice("grantType", GRANT_TYPES, "authorization_code_pkce"),
    duplicate: true,
  }),
  pkceMethod: defineField({
    label: "PKCE method",
    step: "grant",
    schema: () => z.enum(PKCE_METHODS, { message: "Choose S256 or plain." }),
    default: "S256",
    codec: choice("pkceMethod", PKCE_METHODS, "S256"),
    duplicate: true,
  }),
};
