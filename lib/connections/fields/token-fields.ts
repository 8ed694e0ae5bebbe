/** How tokens are kept and what a test checks: the wizard's Tokens step. */
import { z } from "zod";
import { API_CHECK_METHODS, CHECK_SCHEDULES, TOKEN_SHARING } from "@/lib/connections/connection-options";
import { REFRESH_MARGIN_MAX, TOKEN_LIFETIME_MAX, TOKEN_LIFETIME_MIN, url } from "@/lib/schemas/connection-values";
import { choice, optionalText as optionalTextColumn, plain } from "@/lib/connections/field-codecs";
import { defineField } from "@/lib/connections/fields/define-field";

const httpStatus = z
  .number({ message: "Enter an HTTP status such as 200." })
  .int("Enter an HTTP status such as 200.")
  .min(100, "Enter an HTTP status between 100 and 599.")
  .max(599, "Enter an HTTP status between 100 and 599.");

export const TOKEN_FIELDS = {
  tokenSharing: defineField({
    label: "Token sharing",
    step: "tokens",
    schema: () => z.enum(TOKEN_SHARING, { message: "Choose Shared or Per user." }),
    default: "SHARED",
    codec: choice("tokenSharing", TOKEN_SHARING, "SHARED"),
    duplicate: true,
  }),
  autoRefresh: defineField({
    label: "Refresh tokens automatically",
    step: "tokens",
    schema: () => z.boolean(),
    default: true,
    codec: plain("autoRefresh"),
    duplicate: true,
  }),
  defaultTokenLifetime: defineField({
    label: "Default token lifetime",
    step: "tokens",
    schema: () =>
      z
        .number({ message: "Enter a number of seconds." })
        .int("Enter whole seconds.")
        .min(TOKEN_LIFETIME_MIN, `Use at least ${TOKEN_LIFETIME_MIN} seconds.`)
        .max(TOKEN_LIFETIME_MAX, "Use at most one year (31536000 seconds)."),
    default: 3600,
    codec: plain("defaultTokenLifetime"),
    duplicate: true,
  }),
  refreshMarginSeconds: defineField({
    label: "Refresh margin",
    step: "tokens",
    schema: () =>
      z
        .number({ message: "Enter a number of seconds." })
        .int("Enter whole seconds.")
        .min(0, "Use 0 seconds or more.")
        .max(REFRESH_MARGIN_MAX, `Use at most one day (${REFRESH_MARGIN_MAX} seconds).`),
    default: 300,
    codec: plain("refreshMarginSeconds"),
    duplicate: true,
  }),
  checkSchedule: defineField({
    label: "Scheduled check",
    step: "tokens",
    schema: () => z.enum(CHECK_SCHEDULES, { message: "Choose Off, Hourly or Daily." }).default("daily"),
    default: "daily",
    codec: choice("checkSchedule", CHECK_SCHEDULES, "off"),
    duplicate: true,
  }),
  apiCheckUrl: defineField({
    label: "API check URL",
    step: "tokens",
    schema: (options) => url(options, { required: false, label: "API URL" }).default(""),
    default: "",
    codec: optionalTextColumn("apiCheckUrl"),
    duplicate: true,
  }),
  apiCheckMethod: defineField({
    label: "API check method",
    step: "tokens",
    schema: () => z.enum(API_CHECK_METHODS, { message: "Choose GET, POST or HEAD." }).default("GET"),
    default: "GET",
    codec: choice("apiCheckMethod", API_CHECK_METHODS, "GET"),
    duplicate: true,
  }),
  apiCheckStatus: defineField({
    label: "API check expected status",
    step: "tokens",
    schema: () => httpStatus.default(200),
    default: 200,
    codec: plain("apiCheckStatus"),
    duplicate: true,
  }),
  testIntrospection: defineField({
    label: "Introspect the token",
    step: "tokens",
    schema: () => z.boolean().default(false),
    default: false,
    codec: plain("testIntrospection"),
    duplicate: true,
  }),
  useDpop: defineField({
    label: "Sender-constrained tokens (DPoP)",
    step: "tokens",
    schema: () => z.boolean().default(false),
    default: false,
    codec: plain("useDpop"),
    duplicate: true,
  }),
  testRevocation: defineField({
    label: "Revoke the test's tokens",
    step: "tokens",
    schema: () => z.boolean().default(false),
    default: false,
    codec: plain("testRevocation"),
    duplicate: true,
  }),
};
