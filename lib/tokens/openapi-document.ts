/**
 * The token API's OpenAPI 3.1 document, generated from the same zod schemas the route uses
 * (zod 4's JSON Schema output is draft 2020-12, the dialect OpenAPI 3.1 uses).
 */
import { z } from "zod";
import { problemTypeUri } from "@/lib/errors/problem-details";
import {
  PROBLEM_TYPES,
  dpopProofRequestSchema,
  dpopProofResponseSchema,
  problemSchema,
  tokenQuerySchema,
  tokenResponseSchema,
  type ProblemType,
} from "@/lib/tokens/token-api-schemas";
import { resourceOpenApi } from "@/lib/api/resource-openapi";
import { connectionsFileOpenApi } from "@/lib/api/connections-file-openapi";
import { clientKeyRotationOpenApi } from "@/lib/api/client-key-rotation-openapi";

/** io "input" for what a form holds (a connection's settings), "output" for what a route writes. */
function jsonSchema(schema: z.ZodType, io: "input" | "output" = "output"): Record<string, unknown> {
  const generated = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  // The dialect is the document's (OpenAPI 3.1). Schemas carry no registry id: the route and the
  // reference page are separate bundles in one server process, and zod's global registry refuses
  // an id registered twice; the components key names each schema instead.
  delete generated.$schema;
  return generated;
}

function problemResponse(types: ProblemType[], headers: Record<string, unknown> = {}) {
  return {
    description: types.map((t) => `${problemTypeUri(t)}: ${PROBLEM_TYPES[t].title}`).join("; "),
    headers,
    content: {
      "application/problem+json": {
        schema: { $ref: "#/components/schemas/Problem" },
        examples: Object.fromEntries(
          types.map((t) => [
            t,
            {
              summary: PROBLEM_TYPES[t].title,
              value: { type: problemTypeUri(t), title: PROBLEM_TYPES[t].title, status: PROBLEM_TYPES[t].status },
            },
          ]),
        ),
      },
    },
  };
}

const retryAfter = {
  "Retry-After": { description: "Seconds to wait before trying again.", schema: { type: "integer" } },
};

const PROBLEM_HEADERS: Partial<Record<number, Record<string, unknown>>> = {
  401: {
    "WWW-Authenticate": {
      description: 'Bearer realm="handshake-token-api" (RFC 6750 §3).',
      schema: { type: "string" },
    },
  },
  429: retryAfter,
  503: retryAfter,
};

/** Every problem type under its status, from the route's own table, so none can go undocumented. */
function problemResponses(): Record<string, ReturnType<typeof problemResponse>> {
  const byStatus = new Map<number, ProblemType[]>();
  for (const [type, { status }] of Object.entries(PROBLEM_TYPES) as [ProblemType, { status: number }][]) {
    byStatus.set(status, [...(byStatus.get(status) ?? []), type]);
  }
  const statuses = [...byStatus.keys()].sort((a, b) => a - b);
  return Object.fromEntries(
    statuses.map((status) => [String(status), problemResponse(byStatus.get(status)!, PROBLEM_HEADERS[status])]),
  );
}

export function buildOpenApiDocument(appUrl: string): Record<string, unknown> {
  const resources = resourceOpenApi(jsonSchema);
  const connectionsFile = connectionsFileOpenApi(jsonSchema);
  const keyRotation = clientKeyRotationOpenApi(jsonSchema, resources.paths);
  const query = tokenQuerySchema.shape;
  const parameters = [
    {
      name: "connection",
      in: "path",
      required: true,
      description:
        "The connection's id, which stays the same when the connection is renamed (use it in integrations), or its name, ignoring case (URL-encoded).",
      schema: { type: "string" },
    },
    ...Object.entries(query).map(([name, schema]) => ({
      name,
      in: "query",
      required: false,
      description: (schema.meta()?.description as string | undefined) ?? undefined,
      schema: jsonSchema(schema),
    })),
  ];
  return {
    openapi: "3.1.0",
    info: {
      title: "Handshake API",
      version: "1.1.0",
      description:
        "Fresh access tokens for Handshake connections, and the connections, their tests and the audit trail as REST resources. A token inside its refresh margin is refreshed before it is returned, once however many callers ask. Each route needs one permission of the API key (tokens:read, connections:read, connections:write, tests:run, audit:read); a key limited to chosen connections sees only those. Errors are RFC 9457 problem details with stable type URIs.",
    },
    servers: [{ url: appUrl }],
    security: [{ apiKey: [] }],
    paths: {
      "/api/v1/connections/{connection}/token": {
        get: {
          operationId: "getConnectionToken",
          summary: "Get a fresh access token for a connection",
          parameters,
          responses: {
            "200": {
              description: "The access token. Cache-Control: no-store.",
              headers: {
                "Handshake-Warning": {
                  description:
                    "Present when the refresh failed and the still-valid token is served anyway, or when the token is valid for less than min_valid_seconds (the provider issues shorter-lived tokens).",
                  schema: { type: "string" },
                },
              },
              content: { "application/json": { schema: { $ref: "#/components/schemas/TokenResponse" } } },
            },
            ...problemResponses(),
          },
        },
      },
      "/api/v1/connections/{connection}/dpop-proof": {
        post: {
          operationId: "createDpopProof",
          summary: "Get a DPoP proof for one request with the connection's DPoP-bound token (RFC 9449)",
          description:
            "For connections with sender-constrained tokens (token_type DPoP): the console signs a fresh proof with the connection's key, which never leaves it, bound to the current access token (ath). Send the token as Authorization: DPoP <token> and the proof in the DPoP header, once. Needs tokens:read; counted and rate-limited like token reads.",
          parameters: parameters.slice(0, 1),
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/DpopProofRequest" } } },
          },
          responses: {
            "200": {
              description: "The proof. Cache-Control: no-store.",
              content: { "application/json": { schema: { $ref: "#/components/schemas/DpopProofResponse" } } },
            },
            ...problemResponses(),
          },
        },
      },
      ...resources.paths,
      ...connectionsFile.paths,
      ...keyRotation.paths,
    },
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: "A Handshake API key (hsk_…), created by an admin on the API keys page.",
        },
      },
      schemas: {
        TokenResponse: jsonSchema(tokenResponseSchema),
        DpopProofRequest: jsonSchema(dpopProofRequestSchema, "input"),
        DpopProofResponse: jsonSchema(dpopProofResponseSchema),
        Problem: jsonSchema(problemSchema),
        ...resources.schemas,
        ...connectionsFile.schemas,
        ...keyRotation.schemas,
      },
    },
  };
}
