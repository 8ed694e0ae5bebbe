/**
 * The served OpenAPI document (lib/tokens/openapi-document.ts) read into what the console's
 * reference page shows: operations with their parameters and responses, the problem types by
 * status, and the response schemas' fields. The page renders this, never a copy of its own, so the
 * reference and /api/v1/openapi.json cannot disagree.
 */
type JsonSchema = {
  type?: string | string[];
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
};
type DocParameter = { name: string; in: string; required?: boolean; description?: string; schema: JsonSchema };
type DocMediaType = {
  schema?: { $ref?: string };
  examples?: Record<string, { summary?: string; value?: { type?: string; status?: number } }>;
};
type DocResponse = {
  description: string;
  headers?: Record<string, { description?: string }>;
  content?: Record<string, DocMediaType>;
};
type DocOperation = {
  operationId?: string;
  summary?: string;
  parameters?: DocParameter[];
  responses: Record<string, DocResponse>;
};
type OpenApiDocument = {
  info: { title: string; version: string; description?: string };
  servers?: { url: string }[];
  paths: Record<string, Record<string, DocOperation>>;
  components: {
    securitySchemes?: Record<string, { scheme?: string; description?: string }>;
    schemas: Record<string, JsonSchema>;
  };
};

export type ReferenceParameter = {
  name: string;
  location: string;
  required: boolean;
  type: string;
  description: string;
};
export type ReferenceResponse = {
  status: string;
  description: string;
  contentType: string;
  schema: string | null;
  headers: { name: string; description: string }[];
};
export type ReferenceProblem = { type: string; status: number; title: string };
export type ReferenceOperation = {
  id: string;
  method: string;
  path: string;
  summary: string;
  parameters: ReferenceParameter[];
  responses: ReferenceResponse[];
  problems: ReferenceProblem[];
};
export type ReferenceField = { name: string; type: string; required: boolean; description: string };
export type ApiReference = {
  title: string;
  version: string;
  description: string;
  serverUrl: string;
  authentication: string[];
  operations: ReferenceOperation[];
  schemas: { name: string; description: string; fields: ReferenceField[] }[];
};

/** "integer, 0 to 86400", "string (email)", "string or null", "one of …". */
function describeType(schema: JsonSchema): string {
  if (schema.anyOf) return schema.anyOf.map(describeType).join(" or ");
  if (schema.enum) return `one of ${schema.enum.map(String).join(", ")}`;
  const base = Array.isArray(schema.type) ? schema.type.join(" or ") : (schema.type ?? "any");
  const limits = [
    schema.format ? `format ${schema.format}` : null,
    schema.minimum !== undefined && schema.maximum !== undefined ? `${schema.minimum} to ${schema.maximum}` : null,
    schema.maxLength !== undefined ? `at most ${schema.maxLength} characters` : null,
  ].filter(Boolean);
  return limits.length ? `${base} (${limits.join(", ")})` : base;
}

const refName = (ref: string | undefined) => (ref ? ref.split("/").pop()! : null);

function readOperation(path: string, method: string, op: DocOperation): ReferenceOperation {
  const responses = Object.entries(op.responses).map(([status, response]) => {
    const [contentType, media] = Object.entries(response.content ?? {})[0] ?? ["", {}];
    return {
      status,
      description: response.description,
      contentType,
      schema: refName(media.schema?.$ref),
      headers: Object.entries(response.headers ?? {}).map(([name, header]) => ({
        name,
        description: header.description ?? "",
      })),
    };
  });
  const problems = Object.values(op.responses).flatMap((response) =>
    Object.values(response.content ?? {}).flatMap((media) =>
      Object.values(media.examples ?? {}).map((example) => ({
        type: example.value?.type ?? "",
        status: example.value?.status ?? 0,
        title: example.summary ?? "",
      })),
    ),
  );
  return {
    id: op.operationId ?? `${method}-${path}`,
    method: method.toUpperCase(),
    path,
    summary: op.summary ?? "",
    parameters: (op.parameters ?? []).map((p) => ({
      name: p.name,
      location: p.in,
      required: Boolean(p.required),
      type: describeType(p.schema),
      description: p.description ?? p.schema.description ?? "",
    })),
    responses,
    problems,
  };
}

export function readApiReference(document: Record<string, unknown>): ApiReference {
  const doc = document as OpenApiDocument;
  return {
    title: doc.info.title,
    version: doc.info.version,
    description: doc.info.description ?? "",
    serverUrl: doc.servers?.[0]?.url ?? "",
    authentication: Object.values(doc.components.securitySchemes ?? {}).map(
      (s) => `${s.scheme === "bearer" ? "Authorization: Bearer <key>. " : ""}${s.description ?? ""}`,
    ),
    operations: Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => readOperation(path, method, op)),
    ),
    schemas: Object.entries(doc.components.schemas).map(([name, schema]) => ({
      name,
      description: schema.description ?? "",
      fields: Object.entries(schema.properties ?? {}).map(([field, property]) => ({
        name: field,
        type: describeType(property),
        required: (schema.required ?? []).includes(field),
        description: property.description ?? "",
      })),
    })),
  };
}
