import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/tokens/openapi-document";
import { PROBLEM_TYPES } from "@/lib/tokens/token-api-schemas";
import { TOKEN_RESPONSE_FIELDS } from "@/lib/testing/token-response-fields";

describe("OpenAPI document", () => {
  it("describes the token endpoint from the zod schemas, with every problem type", () => {
    const doc = buildOpenApiDocument("https://handshake.example.test") as {
      openapi: string;
      paths: Record<
        string,
        {
          get: {
            parameters: { name: string; description: string; schema: Record<string, unknown> }[];
            responses: Record<string, { description: string }>;
          };
        }
      >;
      components: {
        schemas: {
          TokenResponse: { properties: Record<string, unknown>; required: string[] };
          Problem: { properties: { type: { enum: string[] } } };
        };
      };
    };
    expect(doc.openapi).toBe("3.1.0");
    const get = doc.paths["/api/v1/connections/{connection}/token"]!.get;
    expect(get.parameters.map((p) => p.name)).toEqual(["connection", "user", "min_valid_seconds"]);
    expect(get.parameters[2]!.schema).toMatchObject({ type: "integer", minimum: 0, maximum: 86400 });
    expect(Object.keys(get.responses)).toEqual(["200", "400", "401", "403", "404", "409", "429", "503"]);
    // Every problem type the route answers with is documented under its status.
    for (const [type, { status }] of Object.entries(PROBLEM_TYPES))
      expect(get.responses[String(status)]!.description).toContain(`urn:handshake:problem:${type}`);
    expect(get.responses["404"]!.description).toBe(
      "urn:handshake:problem:connection-not-found: No such connection, or this API key may not read it",
    );
    expect(get.parameters[0]!.description).toMatch(
      /id, which stays the same when the connection is renamed.*name, ignoring case/,
    );
    const token = doc.components.schemas.TokenResponse;
    expect(Object.keys(token.properties).sort()).toEqual(TOKEN_RESPONSE_FIELDS);
    expect(token.properties).not.toHaveProperty("refresh_token");
    expect(doc.components.schemas.Problem.properties.type.enum).toContain(
      "urn:handshake:problem:reauthorization-required",
    );
  });
});
