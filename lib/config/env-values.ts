/** Value shapes of environment variables, shared by lib/config/env.ts and its parts. */
import { z } from "zod";

/** "true"/"1" on, anything else ("false", "0", empty, unset) off. */
export const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

/** A comma-separated list, trimmed, without empty items. */
export const listOf = (value: string) =>
  value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);

/** A comma-separated list of CIDR ranges (OUTBOUND_ALLOW_CIDRS, METRICS_ALLOW_CIDRS). */
export const cidrList = z
  .string()
  .optional()
  .transform((v) => listOf(v ?? ""))
  .refine((list) => list.every((c) => /^[0-9a-fA-F:.]+\/\d{1,3}$/.test(c)), {
    message: "must be a comma-separated list of CIDR ranges such as 10.0.0.0/8",
  });
