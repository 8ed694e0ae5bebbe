/** Who the client is and what it asks for: the wizard's Client step. */
import { z } from "zod";
import { CLIENT_AUTH_METHODS } from "@/lib/oauth/client-auth/client-auth-methods";
import { BASIC_AUTH_ENCODINGS } from "@/lib/oauth/client-auth/client-secret-basic";
import { ASSERTION_AUDIENCES } from "@/lib/oauth/client-auth/client-secret-jwt";
import { URL_MAX, VSCHAR, keyValueRows, optionalText, scopeList } from "@/lib/schemas/connection-values";
import { choice, json, optionalText as optionalTextColumn, plain } from "@/lib/connections/field-codecs";
import { PAR_MODES } from "@/lib/connections/connection-options";
import { defineField } from "@/lib/connections/fields/define-field";
import { expiryDateFromText, expiryDateText } from "@/lib/connections/secret-expiry";

// Stored rows read back without the form's length limits: a row saved under older limits still reads.
const storedKeyValues = z.array(z.object({ key: z.string(), value: z.string() }));

/** Extra parameters for one kind of request: rows of name and value, kept as a JSON column. */
function extraParametersField(column: "authParams" | "tokenParams", label: string) {
  return defineField({
    label,
    step: "client",
    schema: () => keyValueRows,
    default: [],
    codec: json(column, storedKeyValues, []),
    duplicate: true,
  });
}

export const CLIENT_FIELDS = {
  clientId: defineField({
    label: "Client ID",
    step: "client",
    schema: () =>
      z
        .string()
        .trim()
        .min(1, "Enter the client ID.")
        .max(255, "Use at most 255 characters.")
        .refine((v) => VSCHAR.test(v), "A client ID uses printable ASCII characters only."),
    default: "",
    codec: optionalTextColumn("clientId"),
    duplicate: true,
  }),
  clientSecret: defineField({
    label: "Client secret",
    step: "client",
    // Write-only: empty means "keep the stored secret". Checked with the method in lib/schemas/connection.ts.
    schema: () => z.string().max(512, "Use at most 512 characters."),
    default: "",
    codec: {
      columns: ["clientSecretEncrypted"],
      read: () => "",
      // Sealed with the row id by lib/connections/manage-connections.ts, never written as typed.
      write: () => ({}),
      // The ciphertext only tells the diff that the secret changed; it is never shown.
      audit: (row) => row.clientSecretEncrypted,
    },
    secret: true,
    duplicate: false,
  }),
  clientSecretExpiresOn: defineField({
    label: "Secret expires on",
    step: "client",
    // Optional; not in the past on entry is checked with the stored date in lib/schemas/connection.ts.
    schema: () =>
      z
        .string()
        .trim()
        .refine((v) => v === "" || expiryDateFromText(v) !== null, "Enter a date, such as 2027-03-31.")
        .transform((v) => (v === "" ? null : v)),
    default: "",
    codec: {
      columns: ["clientSecretExpiresAt"],
      read: (row) => (row.clientSecretExpiresAt ? expiryDateText(row.clientSecretExpiresAt) : ""),
      write: (value) => ({ clientSecretExpiresAt: value ? expiryDateFromText(value) : null }),
      audit: (row) => (row.clientSecretExpiresAt ? expiryDateText(row.clientSecretExpiresAt) : null),
    },
    // A copy gets its own secret, and so its own expiry.
    duplicate: false,
  }),
  clientAuthMethod: defineField({
    label: "Client authentication",
    step: "client",
    schema: () => z.enum(CLIENT_AUTH_METHODS, { message: "Choose a client authentication method." }),
    default: "client_secret_basic",
    codec: choice("clientAuthMethod", CLIENT_AUTH_METHODS, "client_secret_basic"),
    duplicate: true,
  }),
  basicAuthEncoding: defineField({
    label: "Basic credentials encoding",
    step: "client",
    schema: () =>
      z.enum(BASIC_AUTH_ENCODINGS, { message: "Choose how the Basic credentials are encoded." }).default("form"),
    default: "form",
    codec: choice("basicAuthEncoding", BASIC_AUTH_ENCODINGS, "form"),
    duplicate: true,
  }),
  clientAssertionAudience: defineField({
    label: "Assertion audience",
    step: "client",
    schema: () =>
      z.enum(ASSERTION_AUDIENCES, { message: "Choose the audience the client assertion names." }).default("issuer"),
    default: "issuer",
    codec: choice("clientAssertionAudience", ASSERTION_AUDIENCES, "issuer"),
    duplicate: true,
  }),
  scopes: defineField({
    label: "Scopes",
    step: "client",
    schema: () => scopeList,
    default: [],
    codec: json("scopes", z.array(z.string()), []),
    duplicate: true,
  }),
  audience: defineField({
    label: "Audience",
    step: "client",
    schema: () => optionalText(512, "Use at most 512 characters."),
    default: "",
    codec: optionalTextColumn("audience"),
    duplicate: true,
  }),
  resource: defineField({
    label: "Resource",
    step: "client",
    schema: () =>
      z
        .string()
        .trim()
        .max(URL_MAX, `Use at most ${URL_MAX} characters.`)
        .superRefine((value, ctx) => {
          if (!value) return;
          // RFC 8707 §2: an absolute URI without a fragment.
          if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(value) || !URL.canParse(value)) {
            ctx.addIssue({ code: "custom", message: "Enter an absolute URI, such as https://api.example.com." });
          } else if (value.includes("#")) {
            ctx.addIssue({ code: "custom", message: "Remove the #fragment: a resource indicator cannot have one." });
          }
        })
        .transform((v) => (v === "" ? null : v)),
    default: "",
    codec: optionalTextColumn("resource"),
    duplicate: true,
  }),
  authParams: extraParametersField("authParams", "Additional authorization parameters"),
  tokenParams: extraParametersField("tokenParams", "Additional token parameters"),
  // RFC 9126; used by code flows only (lib/oauth/authorization-request.ts).
  parMode: defineField({
    label: "Pushed authorization requests (PAR)",
    step: "client",
    schema: () => z.enum(PAR_MODES, { message: "Choose when to use PAR." }),
    default: "WHEN_REQUIRED",
    codec: choice("parMode", PAR_MODES, "WHEN_REQUIRED"),
    duplicate: true,
  }),
  // RFC 9101: signed with the connection's private_key_jwt key.
  useJar: defineField({
    label: "Signed authorization requests (JAR)",
    step: "client",
    schema: () => z.boolean().default(false),
    default: false,
    codec: plain("useJar"),
    duplicate: true,
  }),
};
