/**
 * The key rotation routes (lib/api/client-key-rotation-resources.ts) in the OpenAPI document
 * (lib/tokens/openapi-document.ts merges them): read the rotation, prepare or discard the next key,
 * test with it, switch, retire the old key.
 */
import type { z } from "zod";
import { operation } from "@/lib/api/resource-openapi";
import { clientKeyRotationSchema, switchClientKeyBodySchema } from "@/lib/api/client-key-rotation-resources";

type JsonSchemaOf = (schema: z.ZodType, io?: "input" | "output") => Record<string, unknown>;

const CONNECTION_PARAMETER = {
  name: "connection",
  in: "path",
  required: true,
  description: "The connection's id (stable across renames) or its name, ignoring case (URL-encoded).",
  schema: { type: "string" },
};

const BASE = "/api/v1/connections/{connection}/client-key";

/** `paths`: the document's paths so far, whose client-key path (PUT) gets the GET beside it. */
export function clientKeyRotationOpenApi(jsonSchema: JsonSchemaOf, paths: Record<string, object>) {
  const step = (id: string, summary: string, extra: Partial<Parameters<typeof operation>[0]> = {}) =>
    operation({
      id,
      summary,
      permission: "connections:write",
      parameters: [CONNECTION_PARAMETER],
      schema: "ClientKeyRotation",
      problems: ["connection-not-found", "rule-broken", "rotation-conflict"],
      ...extra,
    });
  return {
    paths: {
      [BASE]: {
        ...paths[BASE],
        get: step("getClientKeyRotation", "The private_key_jwt keys' public halves and the rotation's state", {
          permission: "connections:read",
          problems: ["connection-not-found"],
        }),
      },
      [`${BASE}/next`]: {
        post: step(
          "prepareNextClientKey",
          "Generate or import the next key; the JWKS publishes it beside the current one",
          {
            body: "ClientKey",
            status: 201,
            problems: ["invalid-request", "connection-not-found", "rule-broken", "rotation-conflict"],
          },
        ),
        delete: step("discardNextClientKey", "Discard the prepared next key (it leaves the JWKS)", {
          status: 204,
          schema: undefined,
        }),
      },
      [`${BASE}/next/tests`]: {
        post: step(
          "testNextClientKey",
          "Test a client-credentials connection with the next key and wait for the result (a pass allows the switch; code flows are tested in the console)",
          {
            permission: "tests:run",
            status: 201,
            schema: "TestRun",
            problems: ["connection-not-found", "rotation-conflict", "test-not-supported", "test-timed-out"],
          },
        ),
      },
      [`${BASE}/switch`]: {
        post: step("switchClientKey", "Sign with the next key from now on; refused until a test with it passed", {
          body: "ClientKeySwitch",
          problems: ["invalid-request", "connection-not-found", "rule-broken", "rotation-conflict"],
        }),
      },
      [`${BASE}/retire`]: {
        post: step("retireOldClientKey", "Remove the old key from the JWKS before its grace ends"),
      },
    },
    schemas: {
      ClientKeyRotation: jsonSchema(clientKeyRotationSchema),
      ClientKeySwitch: jsonSchema(switchClientKeyBodySchema, "input"),
    },
  };
}
