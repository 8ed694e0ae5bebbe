/**
 * The value rules a connection's fields are built from (URLs, names, parameter rows, scopes), for
 * the field registry (lib/connections/connection-fields.ts) and the form's cross-field checks.
 */
import { z } from "zod";
import { RESERVED_PARAMETERS } from "@/lib/connections/connection-options";
import { MAX_SCOPES, scopeTokenProblem } from "@/lib/oauth/scopes";

/** Facts the browser cannot know by itself: whether plain http is allowed, whether a secret is stored. */
export type ConnectionSchemaOptions = {
  allowHttp: boolean;
  hasStoredSecret: boolean;
  /** The stored secret expiry (YYYY-MM-DD): kept as it is even once it has passed. */
  storedSecretExpiresOn?: string;
};

export const NAME_MIN = 3;
export const NAME_MAX = 64;
export const DESCRIPTION_MAX = 500;
export const URL_MAX = 2048;
export const MAX_EXTRA_PARAMETERS = 20;
export const TOKEN_LIFETIME_MIN = 60;
export const TOKEN_LIFETIME_MAX = 31_536_000;
/** A day, like the token API's min_valid_seconds. */
export const REFRESH_MARGIN_MAX = 86_400;

export const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F]/;
// RFC 6749 Appendix A: client_id and client_secret are VSCHAR, printable ASCII.
export const VSCHAR = /^[\x20-\x7E]*$/;
const PARAMETER_NAME = /^[A-Za-z0-9._~:-]{1,64}$/;

/** Why a value is not a usable endpoint URL, or undefined when it is. */
export function urlProblem(value: string, allowHttp: boolean): string | undefined {
  const httpsOnly =
    "Use an https:// URL. Plain http:// is allowed only when OUTBOUND_ALLOW_HTTP=true (local test servers).";
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value))
    return "Enter an absolute URL, such as https://login.example.com/oauth2/token.";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter a valid URL, such as https://login.example.com/oauth2/token.";
  }
  if (url.protocol !== "https:" && !(allowHttp && url.protocol === "http:")) {
    return allowHttp ? "Use an https:// or http:// URL." : httpsOnly;
  }
  if (url.username || url.password) return "Remove the user name and password from the URL.";
  // RFC 6749 §3.1 and §3.2: endpoint URIs must not include a fragment.
  if (url.hash || value.includes("#")) return "Remove the #fragment: OAuth endpoints cannot have one.";
  return undefined;
}

export const trimmed = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .refine((v) => !CONTROL_CHARACTERS.test(v), "Remove line breaks and control characters.");

export const optionalText = (max: number, tooLong: string) =>
  trimmed(max, tooLong).transform((v) => (v === "" ? null : v));

export function url(options: ConnectionSchemaOptions, { required, label }: { required: boolean; label: string }) {
  return z
    .string()
    .trim()
    .max(URL_MAX, `Use at most ${URL_MAX} characters.`)
    .superRefine((value, ctx) => {
      if (!value) {
        if (required) ctx.addIssue({ code: "custom", message: `Enter the ${label}.` });
        return;
      }
      const problem = urlProblem(value, options.allowHttp);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .transform((v) => (v === "" ? null : v));
}

const keyValueRow = z.object({
  key: z.string().trim().max(64, "Use at most 64 characters."),
  value: z.string().trim().max(1024, "Use at most 1024 characters."),
});

export const keyValueRows = z
  .array(keyValueRow)
  .max(MAX_EXTRA_PARAMETERS, `Use at most ${MAX_EXTRA_PARAMETERS} parameters.`);

export type KeyValueRow = z.infer<typeof keyValueRow>;

export function checkParameterRows(rows: unknown, field: "authParams" | "tokenParams", ctx: z.RefinementCtx) {
  if (!Array.isArray(rows)) return;
  const seen = new Set<string>();
  (rows as KeyValueRow[]).forEach((row, index) => {
    const key = String(row?.key ?? "").trim();
    const value = String(row?.value ?? "");
    if (!key && !value.trim()) return;
    const path = [field, index, "key"];
    if (!key) {
      ctx.addIssue({ code: "custom", path, message: "Enter the parameter name." });
      return;
    }
    if (!PARAMETER_NAME.test(key)) {
      ctx.addIssue({ code: "custom", path, message: "Use letters, digits, and . _ ~ : - only." });
      return;
    }
    const lower = key.toLowerCase();
    if ((RESERVED_PARAMETERS as readonly string[]).includes(lower)) {
      const ownField = ["scope", "resource", "audience"].includes(lower);
      ctx.addIssue({
        code: "custom",
        path,
        message: ownField
          ? `“${key}” has its own field above; set it there.`
          : `“${key}” is set by the protocol itself and cannot be overridden.`,
      });
      return;
    }
    if (seen.has(lower)) ctx.addIssue({ code: "custom", path, message: `“${key}” is already set above.` });
    seen.add(lower);
    if (CONTROL_CHARACTERS.test(value)) {
      ctx.addIssue({
        code: "custom",
        path: [field, index, "value"],
        message: "Remove line breaks and control characters.",
      });
    }
  });
}

// Blank rows are an empty line the admin added and left; they carry nothing to keep.
export const withoutBlankRows = (rows: KeyValueRow[]) => rows.filter((r) => r.key || r.value);

export const scopeList = z
  .array(z.string())
  .max(MAX_SCOPES, `Use at most ${MAX_SCOPES} scopes.`)
  .superRefine((scopes, ctx) => {
    scopes.forEach((scope, index) => {
      const problem = scopeTokenProblem(scope);
      if (problem) ctx.addIssue({ code: "custom", path: [index], message: problem });
    });
  })
  // RFC 6749 §3.3: the scope is a set; the order is kept, duplicates dropped.
  .transform((scopes) => [...new Set(scopes)]);
