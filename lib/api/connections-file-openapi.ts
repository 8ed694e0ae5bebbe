/**
 * The connections-file routes in the OpenAPI document (lib/tokens/openapi-document.ts merges
 * them): the file format and the plan generated from their zod schemas; the file travels as JSON
 * or YAML.
 */
import type { z } from "zod";
import { connectionsFileSchema } from "@/lib/connections-file/connections-file-schema";
import { exportQuerySchema, importPlanSchema, importQuerySchema } from "@/lib/api/connections-file-resources";
import { operation, queryParameters } from "@/lib/api/resource-openapi";

type JsonSchemaOf = (schema: z.ZodType, io?: "input" | "output") => Record<string, unknown>;

const FILE = { $ref: "#/components/schemas/ConnectionsFile" };
const FILE_CONTENT = {
  "application/json": { schema: FILE },
  "application/yaml": { schema: FILE },
  "text/plain": { schema: { type: "string", description: "The file as JSON or YAML text." } },
};

function fileOperation(id: string, summary: string, jsonSchema: JsonSchemaOf) {
  const op = operation({
    id,
    summary,
    permission: "connections:write",
    parameters: queryParameters(importQuerySchema, jsonSchema),
    schema: "ImportPlan",
    problems: ["invalid-request"],
  });
  return {
    ...op,
    description: `${op.description} A key limited to chosen connections is refused (missing-permission). Secret references are read from the server's environment. A refused file changes nothing; the problem's errors list every error, field being the path (connection name and field).`,
    requestBody: { required: true, content: FILE_CONTENT },
  };
}

export function connectionsFileOpenApi(jsonSchema: JsonSchemaOf) {
  const exported = operation({
    id: "exportConnectionsFile",
    summary: "Export connections as a connections file (secrets only as environment variable names)",
    permission: "connections:read",
    parameters: queryParameters(exportQuerySchema, jsonSchema),
    problems: ["invalid-request", "connection-not-found"],
  });
  const paths = {
    "/api/v1/connections-file": {
      get: {
        ...exported,
        description: `${exported.description} A key limited to chosen connections exports only those.`,
        responses: { ...exported.responses, "200": { description: "The connections file.", content: FILE_CONTENT } },
      },
    },
    "/api/v1/connections-file/plan": {
      post: fileOperation("planConnectionsFile", "Plan a connections file: what applying it would change", jsonSchema),
    },
    "/api/v1/connections-file/apply": {
      post: fileOperation("applyConnectionsFile", "Apply a connections file all or nothing", jsonSchema),
    },
  };
  const schemas = {
    ConnectionsFile: jsonSchema(connectionsFileSchema, "input"),
    ImportPlan: jsonSchema(importPlanSchema),
  };
  return { paths, schemas };
}
