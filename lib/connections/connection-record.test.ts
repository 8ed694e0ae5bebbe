/**
 * The field registry's storage against a real SQLite database: every field a form can hold is
 * written and read back unchanged, and a duplicate carries every field marked for copying.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-database";
import { createConnectionSchemas, EMPTY_CONNECTION_VALUES, type ConnectionFormValues } from "@/lib/schemas/connection";

const database = createTestDatabase();
const { prisma } = await import("@/lib/db/prisma");
const { connectionColumnsFrom, connectionFormValuesFrom, duplicatedColumnsOf } =
  await import("@/lib/connections/connection-record");
const { CONNECTION_FIELD_NAMES, CONNECTION_FIELDS } = await import("@/lib/connections/connection-fields");

afterAll(async () => {
  await prisma.$disconnect();
  database.cleanup();
});

// A value other than the default for every field, so a field the codec drops cannot pass unnoticed.
const everyFieldSet: ConnectionFormValues = {
  ...EMPTY_CONNECTION_VALUES,
  providerType: "okta",
  providerParams: { domain: "acme.okta.com" },
  name: "Every field",
  description: "All set",
  grantType: "authorization_code",
  pkceMethod: "plain",
  issuer: "https://acme.okta.com",
  authorizationUrl: "https://acme.okta.com/authorize",
  tokenUrl: "https://acme.okta.com/token",
  userinfoUrl: "https://acme.okta.com/userinfo",
  revocationUrl: "https://acme.okta.com/revoke",
  jwksUrl: "https://acme.okta.com/keys",
  discoveryMetadata: { issuer: "https://acme.okta.com", token_endpoint: "https://acme.okta.com/token" },
  clientId: "every-field",
  clientSecret: "",
  clientSecretExpiresOn: "2031-01-31",
  clientAuthMethod: "client_secret_post",
  basicAuthEncoding: "plain",
  clientAssertionAudience: "token_endpoint",
  scopes: ["openid", "email"],
  audience: "api://default",
  resource: "https://api.acme.example",
  authParams: [{ key: "prompt", value: "consent" }],
  tokenParams: [{ key: "tenant", value: "acme" }],
  tokenSharing: "PER_USER",
  autoRefresh: false,
  defaultTokenLifetime: 900,
  refreshMarginSeconds: 120,
  checkSchedule: "hourly",
  apiCheckUrl: "https://api.acme.example/me",
  apiCheckMethod: "POST",
  apiCheckStatus: 204,
  testIntrospection: true,
  testRevocation: true,
  parMode: "ALWAYS",
  useJar: true,
  useDpop: true,
};

describe("the connection field registry", () => {
  it("sets a non-default value for every field in this test (a new field must be added here)", () => {
    const unset = CONNECTION_FIELD_NAMES.filter(
      (name) =>
        !CONNECTION_FIELDS[name].secret &&
        JSON.stringify(everyFieldSet[name]) === JSON.stringify(CONNECTION_FIELDS[name].default),
    );
    expect(unset).toEqual([]);
  });

  it("stores every field and reads it back as the form had it", async () => {
    const input = createConnectionSchemas({ allowHttp: false, hasStoredSecret: true }).full.parse(everyFieldSet);
    const row = await prisma.connection.create({ data: { ...connectionColumnsFrom(input), name: input.name } });
    expect(connectionFormValuesFrom(row)).toEqual(everyFieldSet);
  });

  it("reads malformed stored JSON as the field's empty value instead of failing", async () => {
    const row = await prisma.connection.create({
      data: { name: "Malformed", scopes: "{not json", authParams: '[{"key":1}]', providerParams: "[]" },
    });
    const values = connectionFormValuesFrom(row);
    expect([values.scopes, values.authParams, values.providerParams]).toEqual([[], [], {}]);
  });

  it("copies every field marked for duplication, and never the name, the secret or its expiry", async () => {
    const input = createConnectionSchemas({ allowHttp: false, hasStoredSecret: true }).full.parse(everyFieldSet);
    const source = await prisma.connection.create({
      data: { ...connectionColumnsFrom({ ...input, name: "Source" }), name: "Source", clientSecretEncrypted: "sealed" },
    });
    const copy = await prisma.connection.create({ data: { ...duplicatedColumnsOf(source), name: "Copy" } });
    expect(copy.clientSecretEncrypted).toBeNull();
    expect(connectionFormValuesFrom(copy)).toEqual({
      ...connectionFormValuesFrom(source),
      name: "Copy",
      clientSecretExpiresOn: "",
    });
  });
});
