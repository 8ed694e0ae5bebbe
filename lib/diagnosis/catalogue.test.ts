import { describe, expect, it } from "vitest";
import { AUTHORIZATION_DIAGNOSES } from "@/lib/diagnosis/authorization";
import { CALLBACK_DIAGNOSES } from "@/lib/diagnosis/callback";
import { CLIENT_ASSERTION_DIAGNOSES } from "@/lib/diagnosis/client-assertion";
import { CONFIGURATION_DIAGNOSES } from "@/lib/diagnosis/configuration";
import { diagnosisFrom, type Catalogue, type CatalogueEntry } from "@/lib/diagnosis/diagnosis";
import { DPOP_DIAGNOSES } from "@/lib/diagnosis/dpop";
import { DISCOVERY_DIAGNOSES } from "@/lib/diagnosis/discovery";
import { ID_TOKEN_DIAGNOSES } from "@/lib/diagnosis/id-token";
import { REFRESH_DIAGNOSES } from "@/lib/diagnosis/refresh";
import { RESPONSE_DIAGNOSES } from "@/lib/diagnosis/response";
import { TOKEN_DIAGNOSES } from "@/lib/diagnosis/token";
import { TRANSPORT_DIAGNOSES } from "@/lib/diagnosis/transport";
import { USERINFO_DIAGNOSES } from "@/lib/diagnosis/userinfo";

const STAGES: Record<string, Catalogue> = {
  configuration: CONFIGURATION_DIAGNOSES,
  discovery: DISCOVERY_DIAGNOSES,
  authorization: AUTHORIZATION_DIAGNOSES,
  callback: CALLBACK_DIAGNOSES,
  token: TOKEN_DIAGNOSES,
  dpop: DPOP_DIAGNOSES,
  client_assertion: CLIENT_ASSERTION_DIAGNOSES,
  id_token: ID_TOKEN_DIAGNOSES,
  userinfo: USERINFO_DIAGNOSES,
  refresh: REFRESH_DIAGNOSES,
  transport: TRANSPORT_DIAGNOSES,
  response: RESPONSE_DIAGNOSES,
};

const entries = Object.entries(STAGES).flatMap(([stage, catalogue]) =>
  Object.entries(catalogue).map(([key, entry]) => ({ stage, key, entry })),
);

/** Facts where every name has a value, so a text that forgets one shows "undefined". */
const anyFacts = new Proxy(
  {},
  { get: (_target, name) => (typeof name === "string" ? `‹${name}›` : undefined) },
) as never;

describe("the diagnosis catalogue", () => {
  it.each(entries.map((e) => [`${e.stage}.${e.key}`, e.entry] as const))(
    "%s has a code, a title, a cause and a fix",
    (_name, entry) => {
      const diagnosis = diagnosisFrom(entry as CatalogueEntry<never>, anyFacts);
      for (const text of [diagnosis.code, diagnosis.title, diagnosis.cause, diagnosis.fix]) {
        expect(text.trim()).not.toBe("");
        expect(text).not.toMatch(/undefined|null|\[object /);
      }
      expect(diagnosis.code).toMatch(/^[a-z_]+$/);
    },
  );

  it("names each entry once across all stages", () => {
    const keys = entries.map((e) => e.key);
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
  });

  it("gives each code one entry, except the variants worded for where the failure happened", () => {
    const byCode = new Map<string, string[]>();
    for (const { stage, key, entry } of entries)
      byCode.set(entry.code, [...(byCode.get(entry.code) ?? []), `${stage}.${key}`]);
    const shared = Object.fromEntries([...byCode].filter(([, where]) => where.length > 1));
    expect(shared).toEqual({
      invalid_client: ["token.public_client_refused", "token.invalid_client", "client_assertion.assertion_refused"],
      invalid_grant: [
        "token.client_credentials_refused",
        "token.authorization_code_refused",
        "refresh.refresh_token_refused",
      ],
      unauthorized_client: ["authorization.code_flow_not_allowed", "token.unauthorized_client"],
      issuer_mismatch: [
        "discovery.discovery_issuer_mismatch",
        "callback.callback_issuer_mismatch",
        "id_token.id_token_issuer_mismatch",
      ],
      unexpected_redirect: ["transport.blocked_redirect", "response.unexpected_redirect"],
    });
  });
});
