/**
 * The connection, test and audit resources in the OpenAPI 3.1 document (lib/tokens/openapi-document.ts
 * adds them to the token route): every schema generated from lib/api/resource-schemas.ts, every
 * problem a route answers with listed under its status, and the permission each route needs.
 */
import type { z } from "zod";
import { problemTypeUri } from "@/lib/errors/problem-details";
import type { ApiPermission } from "@/lib/api-keys/permissions";
import { RESOURCE_PROBLEM_TYPES, resourceProblemSchema, type ResourceProblemType } from "@/lib/api/api-problem";
import {
  auditEventSchema,
  auditListQuerySchema,
  auditListSchema,
  auditVerifySchema,
  connectionDetailSchema,
  connectionListQuerySchema,
  connectionListSchema,
  connectionPatchSchema,
  connectionCreateSchema,
  clientSecretBodySchema,
  clientKeyBodySchema,
  clientKeyResultSchema,
  connectionSettingsSchema,
  connectionSummarySchema,
  testRunSchema,
} from "@/lib/api/resource-schemas";

type JsonSchemaOf = (schema: z.ZodType, io?: "input" | "output") => Record<string, unknown>;

const GATE_PROBLEMS: ResourceProblemType[] = ["invalid-api-key", "missing-permission", "rate-limited"];

function problemResponses(types: ResourceProblemType[]): Record<string, unknown> {
  const byStatus = new Map<number, ResourceProblemType[]>();
  for (const type of [...GATE_PROBLEMS, ...types]) {
    const { status } = RESOURCE_PROBLEM_TYPES[type];
    byStatus.set(status, [...(byStatus.get(status) ?? []), type]);
  }
  return Object.fromEntries(
    [...byStatus.keys()]
      .sort((a, b) => a - b)
      .map((status) => [
        String(status),
        {
          description: byStatus
            .get(status)!
            .map((t) => `${problemTypeUri(t)}: ${RESOURCE_PROBLEM_TYPES[t].title}`)
            .join("; "),
          content: {
            "application/problem+json": {
              schema: { $ref: "#/components/schemas/ResourceProblem" },
              examples: Object.fromEntries(
                byStatus.get(status)!.map((t) => [
                  t,
                  {
                    summary: RESOURCE_PROBLEM_TYPES[t].title,
                    value: { type: problemTypeUri(t), title: RESOURCE_PROBLEM_TYPES[t].title, status },
                  },
                ]),
              ),
            },
          },
        },
      ]),
  );
}

/** A zod query schema as OpenAPI query parameters, each optional, with its description. */
export function queryParameters(schema: z.ZodObject, jsonSchema: JsonSchemaOf) {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: "query",
    required: false,
    description: ((field as z.ZodType).meta()?.description as string | undefined) ?? undefined,
    schema: jsonSchema(field as z.ZodType, "input"),
  }));
}

const pathParameter = (name: string, description: string) => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string" },
});

const ETAG_HEADER = { ETag: { description: "The connection's version, quoted.", schema: { type: "string" } } };

const CONNECTION_PARAMETER = pathParameter(
  "connection",
  "The connection's id (stable across renames) or its name, ignoring case (URL-encoded).",
);

/** One operation: its permission, parameters, JSON body and answer, and the problems it answers with. */
export function operation(input: {
  id: string;
  summary: string;
  permission: ApiPermission;
  parameters?: unknown[];
  status?: number;
  /** The answer's schema; none for 204 No Content. */
  schema?: string;
  body?: string;
  problems?: ResourceProblemType[];
  headers?: Record<string, unknown>;
}) {
  const json = (name: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${name}` } } });
  return {
    operationId: input.id,
    summary: input.summary,
    description: `Needs an API key with the ${input.permission} permission. Every answer carries an X-Request-Id header.`,
    parameters: input.parameters ?? [],
    ...(input.body ? { requestBody: { required: true, content: json(input.body) } } : {}),
    responses: {
      [String(input.status ?? 200)]: {
        description: input.summary,
        headers: input.headers ?? {},
        ...(input.schema ? { content: json(input.schema) } : {}),
      },
      ...problemResponses(input.problems ?? []),
    },
  };
}

export function resourceOpenApi(jsonSchema: JsonSchemaOf) {
  const paths = {
    "/api/v1/connections": {
      get: operation({
        id: "listConnections",
        summary: "List connections, with the console's filters and a cursor",
        permission: "connections:read",
        parameters: queryParameters(connectionListQuerySchema, jsonSchema),
        schema: "ConnectionList",
        problems: ["invalid-request"],
      }),
      post: operation({
        id: "createConnection",
        summary: "Create an active connection (settings as GET shows them, plus clientSecret)",
        permission: "connections:write",
        body: "ConnectionCreate",
        status: 201,
        schema: "ConnectionDetail",
        headers: {
          ...ETAG_HEADER,
          Location: { description: "The new connection's URL.", schema: { type: "string" } },
        },
        problems: ["invalid-request", "rule-broken"],
      }),
    },
    "/api/v1/connections/{connection}": {
      get: operation({
        id: "getConnection",
        summary: "Get a connection's settings (never a secret, key or token)",
        permission: "connections:read",
        parameters: [CONNECTION_PARAMETER],
        schema: "ConnectionDetail",
        problems: ["connection-not-found"],
        headers: ETAG_HEADER,
      }),
      patch: operation({
        id: "updateConnection",
        summary: "Change settings, if the connection is still at the version If-Match names",
        permission: "connections:write",
        parameters: [
          CONNECTION_PARAMETER,
          {
            name: "If-Match",
            in: "header",
            required: true,
            description: "The ETag GET gave.",
            schema: { type: "string" },
          },
        ],
        body: "ConnectionPatch",
        schema: "ConnectionDetail",
        headers: ETAG_HEADER,
        problems: [
          "invalid-request",
          "connection-not-found",
          "precondition-failed",
          "rule-broken",
          "precondition-required",
        ],
      }),
      delete: operation({
        id: "deleteConnection",
        summary: "Delete a connection with its token sets and test runs",
        permission: "connections:write",
        parameters: [CONNECTION_PARAMETER],
        status: 204,
        problems: ["connection-not-found"],
      }),
    },
    "/api/v1/connections/{connection}/enable": {
      post: operation({
        id: "enableConnection",
        summary: "Enable a connection",
        permission: "connections:write",
        parameters: [CONNECTION_PARAMETER],
        schema: "ConnectionDetail",
        headers: ETAG_HEADER,
        problems: ["connection-not-found"],
      }),
    },
    "/api/v1/connections/{connection}/disable": {
      post: operation({
        id: "disableConnection",
        summary: "Disable a connection: its tokens are no longer served",
        permission: "connections:write",
        parameters: [CONNECTION_PARAMETER],
        schema: "ConnectionDetail",
        headers: ETAG_HEADER,
        problems: ["connection-not-found"],
      }),
    },
    "/api/v1/connections/{connection}/secret": {
      put: operation({
        id: "setClientSecret",
        summary: "Set the client secret (write-only)",
        permission: "connections:write",
        parameters: [CONNECTION_PARAMETER],
        body: "ClientSecret",
        status: 204,
        problems: ["invalid-request", "connection-not-found", "rule-broken"],
      }),
    },
    "/api/v1/connections/{connection}/client-key": {
      put: operation({
        id: "setClientKey",
        summary: "Generate or import the private_key_jwt key (write-only); answers the public key to register",
        permission: "connections:write",
        parameters: [CONNECTION_PARAMETER],
        body: "ClientKey",
        schema: "ClientKeyResult",
        problems: ["invalid-request", "connection-not-found"],
      }),
    },
    "/api/v1/connections/{connection}/tests": {
      post: operation({
        id: "testConnection",
        summary: "Test a client-credentials connection and wait for its result",
        permission: "tests:run",
        parameters: [CONNECTION_PARAMETER],
        status: 201,
        schema: "TestRun",
        problems: ["connection-not-found", "test-not-supported", "test-timed-out"],
        headers: { Location: { description: "The test run's URL.", schema: { type: "string" } } },
      }),
    },
    "/api/v1/tests/{test}": {
      get: operation({
        id: "getTestRun",
        summary: "Get a test run with its redacted trace and diagnosis",
        permission: "tests:run",
        parameters: [pathParameter("test", "The test run's id.")],
        schema: "TestRun",
        problems: ["test-not-found"],
      }),
    },
    "/api/v1/audit-events": {
      get: operation({
        id: "listAuditEvents",
        summary: "List audit events, newest first, with the Audit page's filters and a cursor",
        permission: "audit:read",
        parameters: queryParameters(auditListQuerySchema, jsonSchema),
        schema: "AuditEventList",
        problems: ["invalid-request"],
      }),
    },
    "/api/v1/audit-events/verify": {
      get: operation({
        id: "verifyAuditChain",
        summary: "Verify the audit trail's hash chain",
        permission: "audit:read",
        schema: "AuditVerification",
      }),
    },
  };
  const schemas = {
    ConnectionSummary: jsonSchema(connectionSummarySchema),
    ConnectionList: jsonSchema(connectionListSchema),
    ConnectionSettings: jsonSchema(connectionSettingsSchema, "input"),
    ConnectionDetail: jsonSchema(connectionDetailSchema, "input"),
    ConnectionPatch: jsonSchema(connectionPatchSchema, "input"),
    ConnectionCreate: jsonSchema(connectionCreateSchema, "input"),
    ClientSecret: jsonSchema(clientSecretBodySchema),
    ClientKey: jsonSchema(clientKeyBodySchema),
    ClientKeyResult: jsonSchema(clientKeyResultSchema),
    TestRun: jsonSchema(testRunSchema),
    AuditEvent: jsonSchema(auditEventSchema),
    AuditEventList: jsonSchema(auditListSchema),
    AuditVerification: jsonSchema(auditVerifySchema),
    ResourceProblem: jsonSchema(resourceProblemSchema),
  };
  return { paths, schemas };
}
