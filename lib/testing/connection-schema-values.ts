/**
 * The connection form's schemas in each configuration and one valid form, for the schema tests
 * (lib/schemas/connection*.test.ts).
 */
import type { z } from "zod";
import { createConnectionSchemas, EMPTY_CONNECTION_VALUES, type ConnectionFormValues } from "@/lib/schemas/connection";

export const strict = createConnectionSchemas({ allowHttp: false, hasStoredSecret: false });
export const local = createConnectionSchemas({ allowHttp: true, hasStoredSecret: false });
export const stored = createConnectionSchemas({ allowHttp: false, hasStoredSecret: true });

export const valid: ConnectionFormValues = {
  ...EMPTY_CONNECTION_VALUES,
  name: "Payroll API",
  description: "  Nightly sync  ",
  grantType: "authorization_code",
  issuer: "https://login.example.com",
  authorizationUrl: "https://login.example.com/authorize",
  tokenUrl: "https://login.example.com/token",
  clientId: "payroll",
  clientSecret: "s3cret-value-123",
  scopes: ["openid", "email", "openid"],
  authParams: [
    { key: "prompt", value: "consent" },
    { key: "", value: "" },
  ],
};

export function errorsOf(result: z.ZodSafeParseResult<unknown>): Record<string, string> {
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}
