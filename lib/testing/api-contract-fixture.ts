/**
 * The REST API as a client sees it, for Vitest: every /api/v1 route behind the real HTTP server
 * (api-http-server.ts) over the token-API fixture's database and oidc-provider. Each answer a test
 * reads through `call` is recorded, and `expectAnswersDocumented` checks them all against the
 * served OpenAPI document (ajv 8) at the end.
 */
import { afterAll, beforeAll, expect } from "vitest";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { parse as parseYaml } from "yaml";
import type { startTokenApiFixture, TokenApiFixture } from "@/lib/testing/token-api-fixture";
import type { RouteModule } from "@/lib/testing/api-http-server";

export type RecordedAnswer = { method: string; template: string; status: number; type: string; body: unknown };
export type ApiCall = {
  /** The document's path template with {names}; `values` fill them in. */
  template: string;
  values?: Record<string, string>;
  query?: string;
  /** A JSON value, or a string sent as it is (a connections file). */
  body?: unknown;
  headers?: Record<string, string>;
};
export type ApiAnswer = {
  status: number;
  type: string;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
};
export type ApiContractFixture = Awaited<ReturnType<typeof startApiContractFixture>>;

/** The app router paths of every /api/v1 route, loaded after the fixture set the environment up. */
async function loadApiRoutes(): Promise<Record<string, RouteModule>> {
  return {
    "/api/v1/openapi.json": await import("@/app/api/v1/openapi.json/route"),
    "/api/v1/connections": await import("@/app/api/v1/connections/route"),
    "/api/v1/connections/[connection]": await import("@/app/api/v1/connections/[connection]/route"),
    "/api/v1/connections/[connection]/token": await import("@/app/api/v1/connections/[connection]/token/route"),
    "/api/v1/connections/[connection]/secret": await import("@/app/api/v1/connections/[connection]/secret/route"),
    "/api/v1/connections/[connection]/client-key":
      await import("@/app/api/v1/connections/[connection]/client-key/route"),
    "/api/v1/connections/[connection]/client-key/next":
      await import("@/app/api/v1/connections/[connection]/client-key/next/route"),
    "/api/v1/connections/[connection]/client-key/next/tests":
      await import("@/app/api/v1/connections/[connection]/client-key/next/tests/route"),
    "/api/v1/connections/[connection]/client-key/switch":
      await import("@/app/api/v1/connections/[connection]/client-key/switch/route"),
    "/api/v1/connections/[connection]/client-key/retire":
      await import("@/app/api/v1/connections/[connection]/client-key/retire/route"),
    "/api/v1/connections/[connection]/jwks.json": await import("@/app/api/v1/connections/[connection]/jwks.json/route"),
    "/api/v1/connections/[connection]/enable": await import("@/app/api/v1/connections/[connection]/enable/route"),
    "/api/v1/connections/[connection]/disable": await import("@/app/api/v1/connections/[connection]/disable/route"),
    "/api/v1/connections/[connection]/tests": await import("@/app/api/v1/connections/[connection]/tests/route"),
    "/api/v1/tests/[test]": await import("@/app/api/v1/tests/[test]/route"),
    "/api/v1/audit-events": await import("@/app/api/v1/audit-events/route"),
    "/api/v1/audit-events/verify": await import("@/app/api/v1/audit-events/verify/route"),
    "/api/v1/connections-file": await import("@/app/api/v1/connections-file/route"),
    "/api/v1/connections-file/plan": await import("@/app/api/v1/connections-file/plan/route"),
    "/api/v1/connections-file/apply": await import("@/app/api/v1/connections-file/apply/route"),
  };
}

export async function startApiContractFixture(options: Parameters<typeof startTokenApiFixture>[0] = {}) {
  const { startTokenApiFixture } = await import("@/lib/testing/token-api-fixture");
  const f: TokenApiFixture = await startTokenApiFixture(options);
  const { startApiHttpServer } = await import("@/lib/testing/api-http-server");
  const server = await startApiHttpServer(await loadApiRoutes());
  const answers: RecordedAnswer[] = [];

  async function call(key: string, method: string, request: ApiCall): Promise<ApiAnswer> {
    const values = request.values ?? {};
    const path = request.template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name]!));
    const body =
      request.body === undefined || typeof request.body === "string" ? request.body : JSON.stringify(request.body);
    const response = await fetch(`${server.origin}${path}${request.query ?? ""}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...request.headers,
      },
      body,
    });
    const text = await response.text();
    const type = response.headers.get("content-type") ?? "";
    const parsed: unknown = type.includes("yaml") ? parseYaml(text) : text ? JSON.parse(text) : null;
    answers.push({
      method: method.toLowerCase(),
      template: request.template,
      status: response.status,
      type,
      body: parsed,
    });
    return {
      status: response.status,
      type,
      headers: response.headers,
      text,
      json: (parsed ?? {}) as Record<string, unknown>,
    };
  }

  /** Every recorded answer is documented for its path, method and status, and its body validates. */
  async function expectAnswersDocumented(key: string, atLeast = 10): Promise<void> {
    const served = await fetch(`${server.origin}/api/v1/openapi.json`, { headers: { authorization: `Bearer ${key}` } });
    const document = (await served.json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>>;
    };
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ ...document, $id: "https://handshake.test/openapi.json" });
    const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");
    expect(answers.length).toBeGreaterThan(atLeast);
    for (const answer of answers) {
      const status = String(answer.status);
      const documented = document.paths[answer.template]?.[answer.method]?.responses[status];
      expect(documented, `${answer.method} ${answer.template} ${answer.status}`).toBeDefined();
      if (answer.body === null) {
        expect(documented!.content).toBeUndefined();
        continue;
      }
      const mediaType = answer.type.split(";")[0]!;
      const ref = `https://handshake.test/openapi.json#/${pointer("paths", answer.template, answer.method, "responses", status, "content", mediaType, "schema")}`;
      const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
      expect(
        validate(answer.body),
        `${answer.method} ${answer.template} ${answer.status}: ${ajv.errorsText(validate.errors)}`,
      ).toBe(true);
    }
  }

  async function close(): Promise<void> {
    await server.close();
    await f.close();
  }

  return { f, server, answers, call, expectAnswersDocumented, close };
}

/**
 * Starts the fixture before the file's tests and closes it after them; `api` (and its token-API
 * fixture `f`) are there once the tests run.
 */
export function setUpApiContractFixture(): { api: ApiContractFixture; f: TokenApiFixture } {
  const fx = {} as { api: ApiContractFixture; f: TokenApiFixture };
  beforeAll(async () => {
    fx.api = await startApiContractFixture();
    fx.f = fx.api.f;
  }, 120_000);
  afterAll(async () => {
    await fx.api?.close();
  });
  return fx;
}
