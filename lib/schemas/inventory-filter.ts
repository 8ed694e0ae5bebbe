/**
 * The inventory's filter form (GET, so views can be bookmarked and exported): the stale, the
 * failing, old secrets and expired tokens, plus sort order and page.
 */
import { z } from "zod";

export const INVENTORY_SORTS = {
  name: "Name",
  secret_age: "Oldest client secret first",
  last_tested: "Least recently tested first",
  last_changed: "Most recently changed first",
  // The value keeps its name for bookmarked views; it orders by secret or certificate (#24).
  secret_expiry: "Expiring soonest first (secret or certificate)",
} as const;
export type InventorySort = keyof typeof INVENTORY_SORTS;

export const STALE_AFTER_DAYS = 30;
export const DEFAULT_SECRET_AGE_DAYS = 90;

export const INVENTORY_FILTER_FIELDS = [
  "q",
  "stale",
  "failing",
  "secretOlderThan",
  "tokenExpired",
  "expiresWithin",
  "sort",
  "page",
] as const;
export type InventoryFilterField = (typeof INVENTORY_FILTER_FIELDS)[number];
export type InventoryFilterValues = Record<InventoryFilterField, string>;

/** A whole number of days, or undefined when the field is empty. */
const days = (example: number) =>
  z
    .string()
    .trim()
    .transform((value, ctx) => {
      if (!value) return undefined;
      if (!/^\d{1,5}$/.test(value)) {
        ctx.addIssue({ code: "custom", message: `Enter a whole number of days, such as ${example}.` });
        return z.NEVER;
      }
      return Number(value);
    });

const checkbox = z.string().transform((v) => v === "1" || v === "on" || v === "true");

export const inventoryFilterSchema = z
  .object({
    q: z
      .string()
      .trim()
      .max(200, "Search for at most 200 characters.")
      .transform((v) => v || undefined),
    stale: checkbox,
    failing: checkbox,
    secretOlderThan: days(90),
    tokenExpired: checkbox,
    /** Secrets or certificates expiring within this many days, or already expired. */
    expiresWithin: days(30),
    sort: z
      .string()
      .trim()
      .transform((value, ctx): InventorySort | undefined => {
        if (!value) return undefined;
        if (!(value in INVENTORY_SORTS)) {
          ctx.addIssue({
            code: "custom",
            message: `"${value.slice(0, 40)}" is not a sort order. Choose one from the list.`,
          });
          return z.NEVER;
        }
        return value as InventorySort;
      }),
    page: z
      .string()
      .trim()
      .transform((value, ctx) => {
        if (!value) return 1;
        if (!/^[1-9]\d{0,5}$/.test(value)) {
          ctx.addIssue({ code: "custom", message: "The page link is malformed: the page must be a number from 1." });
          return z.NEVER;
        }
        return Number(value);
      }),
  })
  // "Expires within" lists the soonest first unless another order was chosen.
  .transform((f) => ({
    ...f,
    sort: f.sort ?? (f.expiresWithin !== undefined ? "secret_expiry" : "name"),
  }));

export type InventoryFilter = z.output<typeof inventoryFilterSchema>;

type SearchParams = Record<string, string | string[] | undefined>;

export type ParsedInventorySearch =
  | { ok: true; values: InventoryFilterValues; filter: InventoryFilter }
  | { ok: false; values: InventoryFilterValues; fieldErrors: Partial<Record<InventoryFilterField, string>> };

export function parseInventorySearchParams(params: SearchParams): ParsedInventorySearch {
  const values = Object.fromEntries(
    INVENTORY_FILTER_FIELDS.map((f) => {
      const value = params[f];
      return [f, (Array.isArray(value) ? value[0] : value) ?? ""];
    }),
  ) as InventoryFilterValues;
  const parsed = inventoryFilterSchema.safeParse(values);
  if (parsed.success) return { ok: true, values, filter: parsed.data };
  const fieldErrors: Partial<Record<InventoryFilterField, string>> = {};
  for (const issue of parsed.error.issues) fieldErrors[issue.path[0] as InventoryFilterField] ??= issue.message;
  return { ok: false, values, fieldErrors };
}

export function inventoryFilterQuery(
  values: Partial<InventoryFilterValues>,
  extra: Record<string, string | number> = {},
): string {
  const query = new URLSearchParams();
  for (const field of INVENTORY_FILTER_FIELDS) if (values[field] && field !== "page") query.set(field, values[field]!);
  for (const [key, value] of Object.entries(extra)) query.set(key, String(value));
  return query.toString();
}
