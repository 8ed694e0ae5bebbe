/**
 * The Audit page's filter form (a GET form, so every filter lives in the URL) and its keyset
 * cursor. Nonsensical input becomes a message per field, never an exception.
 */
import { z } from "zod";
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/audit/audit-events";

export const AUDIT_FILTER_FIELDS = ["actor", "action", "connection", "from", "to"] as const;
export type AuditFilterField = (typeof AUDIT_FILTER_FIELDS)[number];
export type AuditFilterValues = Record<AuditFilterField, string>;

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date (YYYY-MM-DD, as a date input sends it) as the UTC midnight it starts at. */
function parseIsoDate(value: string): Date | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Rejects dates that roll over, such as 2026-02-31.
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .transform((v) => v || undefined);

const dateField = z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (!value) return undefined;
    const date = parseIsoDate(value);
    if (!date) {
      ctx.addIssue({
        code: "custom",
        message: `"${value.slice(0, 40)}" is not a date. Use the form YYYY-MM-DD, e.g. 2026-01-31.`,
      });
      return z.NEVER;
    }
    return date;
  });

export const auditFilterSchema = z
  .object({
    // An email matches in any case (accounts are stored lowercase); an API key ("API key Billing
    // bot (hs_ab12…)") or "system" is matched as the trail records it.
    actor: optionalText(320, "An actor has at most 320 characters.").transform((v) =>
      v?.includes("@") ? v.toLowerCase() : v,
    ),
    action: z
      .string()
      .trim()
      .transform((value, ctx): AuditAction | undefined => {
        if (!value) return undefined;
        if (!(AUDIT_ACTIONS as readonly string[]).includes(value)) {
          ctx.addIssue({
            code: "custom",
            message: `"${value.slice(0, 60)}" is not an audit action. Choose one from the list.`,
          });
          return z.NEVER;
        }
        return value as AuditAction;
      }),
    connection: optionalText(200, "A connection name or ID has at most 200 characters."),
    from: dateField,
    to: dateField,
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.to < v.from) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date." });
    }
  })
  .transform(({ to, ...rest }) => ({ ...rest, to, toExclusive: to ? new Date(to.getTime() + DAY_MS) : undefined }));

export type AuditFilter = z.output<typeof auditFilterSchema>;

/** Keyset cursor: `before` pages to older events, `after` to newer ones, both by seq. */
export type AuditCursor = { before?: number; after?: number };

const CURSOR = /^[1-9]\d{0,15}$/;

type SearchParams = Record<string, string | string[] | undefined>;

function single(params: SearchParams, name: string): string {
  const value = params[name];
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

export type ParsedAuditSearch =
  | { ok: true; values: AuditFilterValues; filter: AuditFilter; cursor: AuditCursor }
  | {
      ok: false;
      values: AuditFilterValues;
      fieldErrors: Partial<Record<AuditFilterField, string>>;
      cursorError?: string;
    };

export function parseAuditSearchParams(params: SearchParams): ParsedAuditSearch {
  const values = Object.fromEntries(AUDIT_FILTER_FIELDS.map((f) => [f, single(params, f)])) as AuditFilterValues;
  const fieldErrors: Partial<Record<AuditFilterField, string>> = {};
  const parsed = auditFilterSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) fieldErrors[issue.path[0] as AuditFilterField] ??= issue.message;
  }

  const before = single(params, "before");
  const after = single(params, "after");
  let cursorError: string | undefined;
  if (before && after) cursorError = "The page link names both an older and a newer page.";
  else if ((before && !CURSOR.test(before)) || (after && !CURSOR.test(after))) {
    cursorError = "The page link is malformed: its position must be an event number.";
  }

  if (!parsed.success || cursorError) return { ok: false, values, fieldErrors, cursorError };
  return {
    ok: true,
    values,
    filter: parsed.data,
    cursor: { before: before ? Number(before) : undefined, after: after ? Number(after) : undefined },
  };
}

/** The query string of a filter (empty fields left out), for links and the export URLs. */
export function auditFilterQuery(
  values: Partial<AuditFilterValues>,
  extra: Record<string, string | number> = {},
): string {
  const query = new URLSearchParams();
  for (const field of AUDIT_FILTER_FIELDS) if (values[field]) query.set(field, values[field]!);
  for (const [key, value] of Object.entries(extra)) query.set(key, String(value));
  return query.toString();
}
