/**
 * The JSON columns of a TestRun row (result, trace, diagnosis) are read back here and nowhere else:
 * parsed and checked against their types once, at the edge, so pages, the progress panel and the
 * trace download get typed values. A damaged section reads as absent and a damaged column as empty,
 * rather than breaking the page that shows it.
 */
import { z } from "zod";
import type { Diagnosis } from "@/lib/diagnosis/diagnosis";
import type { HttpExchange, TraceStep } from "@/lib/oauth/trace";
import { emptyResult, type StoredTestRun, type TestResultSummary } from "@/lib/connection-tests/test-result";

const anyRecord = z.record(z.string(), z.unknown());
const stringRecord = z.record(z.string(), z.string());
const strings = z.array(z.string());
/** An optional section: one that does not match reads as absent instead of failing the whole column. */
const section = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** A token binding check (certificate or DPoP): what the token was bound to, where that showed, and whether it matched. */
const bindingCheck = <T extends z.ZodRawShape>(bound: T) =>
  section(z.object({ ...bound, shownBy: z.enum(["token", "introspection"]).optional(), matches: z.boolean() }));

const httpExchangeSchema = z.object({
  method: z.string(),
  url: z.string(),
  query: stringRecord.optional(),
  requestHeaders: stringRecord,
  requestBody: stringRecord.optional(),
  status: z.number().optional(),
  contentType: z.string().optional(),
  responseHeaders: stringRecord.optional(),
  responseBody: anyRecord.optional(),
  responseDescription: z.string().optional(),
  error: z.string().optional(),
  durationMs: z.number(),
}) satisfies z.ZodType<HttpExchange>;

const traceStepSchema = z.object({
  name: z.custom<TraceStep["name"]>((value) => typeof value === "string"),
  title: z.string(),
  status: z.enum(["ok", "warning", "failed", "skipped"]),
  startedAtMs: z.number(),
  durationMs: z.number(),
  details: anyRecord,
  notes: strings,
  http: z.array(httpExchangeSchema),
}) satisfies z.ZodType<TraceStep>;

const diagnosisSchema = z.object({
  code: z.string(),
  title: z.string(),
  cause: z.string(),
  fix: z.string(),
  details: section(stringRecord),
  probes: section(z.array(z.object({ label: z.string(), showed: z.string(), gotToken: z.boolean() }))),
  suggestion: section(
    z.object({
      action: z.string(),
      change: z.object({
        clientAuthMethod: z.enum(["client_secret_basic", "client_secret_post"]).optional(),
        basicAuthEncoding: z.enum(["form", "plain"]).optional(),
        scopes: strings.optional(),
      }),
      connectionVersion: z.number(),
    }),
  ),
}) satisfies z.ZodType<Diagnosis>;

const resultSchema = z.object({
  outcome: section(z.enum(["SUCCESS", "WARNING", "FAILED"])),
  purpose: z.enum(["TEST", "CONNECT"]),
  grantType: z.string(),
  token: section(
    z.object({
      tokenType: z.string(),
      accessTokenPrefix: z.string().optional(),
      accessTokenFormat: z.enum(["jwt", "opaque"]),
      lifetimeSeconds: z.number(),
      lifetimeSource: z.enum(["provider", "default"]),
      expiresAt: z.string(),
      refreshTokenPresent: z.boolean(),
      idTokenPresent: z.boolean(),
    }),
  ),
  scopes: section(
    z.object({ requested: strings, granted: strings, grantedReported: z.boolean(), missing: strings, extra: strings }),
  ),
  accessTokenClaims: section(z.object({ header: anyRecord, payload: anyRecord })),
  idTokenClaims: section(anyRecord),
  userinfo: section(anyRecord),
  refresh: section(
    z.object({
      ok: z.boolean(),
      rotated: z.boolean(),
      newAccessTokenPrefix: z.string().optional(),
      lifetimeSeconds: z.number().optional(),
      problem: z.string().optional(),
    }),
  ),
  tokenStored: section(z.object({ ownerKey: z.string(), userEmail: z.string().optional() })),
  apiCheck: section(
    z.object({
      url: z.string(),
      method: z.string(),
      expectedStatus: z.number(),
      status: z.number().optional(),
      durationMs: z.number(),
      headers: stringRecord,
      ok: z.boolean(),
    }),
  ),
  certificateBinding: bindingCheck({ thumbprint: z.string(), tokenThumbprint: z.string().optional() }),
  dpopBinding: bindingCheck({
    jkt: z.string(),
    alg: z.string(),
    tokenType: z.string(),
    tokenJkt: z.string().optional(),
  }),
  introspection: section(
    z.object({
      active: z.boolean(),
      scope: z.string().optional(),
      clientId: z.string().optional(),
      expiresAt: z.string().optional(),
      tokenType: z.string().optional(),
      cnfJkt: z.string().optional(),
      cnfX5tS256: z.string().optional(),
    }),
  ),
  revocation: section(z.object({ revoked: strings, problem: z.string().optional() })),
  metadataLint: section(strings),
  warnings: strings.catch([]),
  notes: strings.catch([]),
}) satisfies z.ZodType<TestResultSummary>;

function parseColumn<T>(schema: z.ZodType<T>, text: string | null): T | undefined {
  if (!text) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** A TestRun row as stored: the result, trace and diagnosis as JSON text. */
type StoredTestRunRow = Omit<StoredTestRun, "result" | "trace" | "diagnosis"> & {
  result: string;
  trace: string;
  diagnosis: string | null;
};

export function parseStoredTestRun(row: StoredTestRunRow): StoredTestRun {
  return {
    ...row,
    result:
      parseColumn(resultSchema, row.result) ??
      emptyResult(row.purpose === "CONNECT" ? "CONNECT" : "TEST", row.grantType),
    trace: parseStoredTrace(row.trace),
    diagnosis: parseColumn(diagnosisSchema, row.diagnosis) ?? null,
  };
}

/** A stored trace: the steps that still read as steps. */
export function parseStoredTrace(text: string): TraceStep[] {
  return (
    parseColumn(z.array(z.unknown()), text)?.flatMap((step) => {
      const parsed = traceStepSchema.safeParse(step);
      return parsed.success ? [parsed.data] : [];
    }) ?? []
  );
}

/** The title of a stored diagnosis, for lists that show only that. */
export function storedDiagnosisTitle(text: string | null): string | null {
  return parseColumn(diagnosisSchema, text)?.title ?? null;
}
