import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/tokens/openapi-document";

describe("OpenAPI document", () => {
  it("describes the token endpoint from the zod schemas, with every problem type", () => {
    const doc = buildOpenApiDocument("https://handshake.example.test") as {
      openapi: string;
      paths: Record<string, { get: { parameters: { name: string; schema: Record<string, unknown> }[]; responses: Record<string, { description: string }> } }>;
      components: { schemas: { TokenResponse: { properties: Record<string, unknown>; required: string[] }; Problem: { properties: { type: { enum: string[] } } } } };
    };
    expect(doc.openapi).toBe("3.1.0");
    const get = doc.paths["/api/v1/connections/{connection}/token"]!.get;
    expect(get.parameters.map((p) => p.name)).toEqual(["connection", "user", "min_valid_seconds"]);
    expect(get.parameters[2]!.schema).toMatchObject({ type: "integer", minimum: 0, maximum: 86400 });
    expect(Object.keys(get.responses)).toEqual(["200", "400", "401", "403", "404", "409", "429", "503"]);
    const token = doc.components.schemas.TokenResponse;
    expect(Object.keys(token.properties).sort()).toEqual(["access_token", "connection_id", "connection_name", "expires_at", "expires_in", "scope", "token_type"]);
    expect(token.properties).not.toHaveProperty("refresh_token");
    expect(doc.components.schemas.Problem.properties.type.enum).toContain("urn:handshake:problem:reauthorization-required");
  });
});
