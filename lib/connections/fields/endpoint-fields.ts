/** Where the provider is: the wizard's Endpoints step. */
import { z } from "zod";
import type { Connection } from "@/lib/db/generated/client";
import {
  discoverySummarySchema,
  summarizeDiscoveryMetadata,
  type DiscoverySummary,
} from "@/lib/oauth/discovery-summary";
import { URL_MAX, url } from "@/lib/schemas/connection-values";
import { json, optionalText as optionalTextColumn } from "@/lib/connections/field-codecs";
import { defineField } from "@/lib/connections/fields/define-field";

export const ENDPOINT_FIELDS = {
  issuer: defineField({
    label: "Issuer URL",
    step: "endpoints",
    schema: (options) => url(options, { required: false, label: "issuer URL" }),
    default: "",
    codec: optionalTextColumn("issuer"),
    duplicate: true,
  }),
  authorizationUrl: defineField({
    label: "Authorization URL",
    step: "endpoints",
    // Checked with the grant type (lib/schemas/connection.ts): only code flows use it, and a hidden field must not block Next.
    schema: () => z.string().trim().max(URL_MAX, `Use at most ${URL_MAX} characters.`),
    default: "",
    codec: optionalTextColumn("authorizationUrl"),
    duplicate: true,
  }),
  tokenUrl: defineField({
    label: "Token URL",
    step: "endpoints",
    schema: (options) => url(options, { required: true, label: "token URL" }),
    default: "",
    codec: optionalTextColumn("tokenUrl"),
    duplicate: true,
  }),
  userinfoUrl: defineField({
    label: "Userinfo URL",
    step: "endpoints",
    schema: (options) => url(options, { required: false, label: "userinfo URL" }),
    default: "",
    codec: optionalTextColumn("userinfoUrl"),
    duplicate: true,
  }),
  revocationUrl: defineField({
    label: "Revocation URL",
    step: "endpoints",
    schema: (options) => url(options, { required: false, label: "revocation URL" }),
    default: "",
    codec: optionalTextColumn("revocationUrl"),
    duplicate: true,
  }),
  jwksUrl: defineField({
    label: "JWKS URL",
    step: "endpoints",
    schema: (options) => url(options, { required: false, label: "JWKS URL" }),
    default: "",
    codec: optionalTextColumn("jwksUrl"),
    duplicate: true,
  }),
  discoveryMetadata: defineField({
    label: "Discovery metadata",
    step: "endpoints",
    schema: () => discoverySummarySchema.nullable(),
    default: null,
    codec: {
      ...json(
        "discoveryMetadata",
        z.unknown().transform((v): DiscoverySummary | null => summarizeDiscoveryMetadata(v)),
        null,
      ),
      columns: ["discoveryMetadata", "discoveredAt"],
      // The audit trail notes that metadata was imported, not the whole document.
      audit: (row: Connection) => Boolean(row.discoveryMetadata),
    },
    auditName: "discoveryImported",
    duplicate: true,
  }),
};
