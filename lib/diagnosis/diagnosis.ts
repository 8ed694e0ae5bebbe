/**
 * What a diagnosis is, and the shape of the catalogue entries it is built from. Each stage's
 * catalogue (discovery.ts, authorization.ts, …) is a table of entries; the classifiers
 * (diagnose-error.ts and classify-*.ts) decide which entry fits and supply its facts.
 */

/** One variant of a refused token request the probes tried (lib/connection-tests/probes/), and what it showed. */
export type ProbeReport = { label: string; showed: string; gotToken: boolean };

/** The connection change that makes the configured request look like a probe that worked. */
export type SuggestedChange = {
  clientAuthMethod?: "client_secret_basic" | "client_secret_post";
  basicAuthEncoding?: "form" | "plain";
  clientAssertionAudience?: "issuer" | "token_endpoint";
  scopes?: string[];
  grantType?: "authorization_code_pkce";
  /** RFC 9126: the provider requires PAR for this client and accepted the pushed request. */
  parMode?: "WHEN_REQUIRED";
};

export type FixSuggestion = { action: string; change: SuggestedChange; connectionVersion: number };

export type Diagnosis = {
  code: string;
  title: string;
  cause: string;
  fix: string;
  /** Display-ready facts (status, content type, expected vs actual values, the callback URL). */
  details?: Record<string, string>;
  /** Variants of a refused token request that were tried, and what each showed. */
  probes?: ProbeReport[];
  /** The connection change a probe found to work; applied only by the admin's click. */
  suggestion?: FixSuggestion;
};

/** An error that already knows its diagnosis (a configuration problem found before any request). */
export class DiagnosedError extends Error {
  constructor(readonly diagnosis: Diagnosis) {
    super(diagnosis.title);
    this.name = "DiagnosedError";
  }
}

export type DiagnosisStage =
  "configuration" | "discovery" | "authorization" | "callback" | "token" | "id_token" | "userinfo" | "refresh" | "api";

export type DiagnosisContext = {
  stage: DiagnosisStage;
  grantType: string;
  clientAuthMethod: string;
  /** The exact redirect URI Handshake uses; shown when it has to be registered. */
  callbackUrl: string;
  issuer?: string | null;
  supportedAuthMethods?: string[];
  /** The token endpoint the request went to, when known (a redirect to it plus "/" is named). */
  tokenEndpoint?: string;
  scopes: string[];
  resource?: string | null;
  audience?: string | null;
  /** A signed assertion's audience choice, and private_key_jwt's key (kid, algorithm), when the method uses them. */
  assertionAudience?: "issuer" | "token_endpoint";
  clientKeyId?: string | null;
  clientKeyAlgorithm?: string | null;

  /** mTLS: the client certificate's public facts (RFC 8705), to tell an expired or mismatched one. */
  clientCertificate?: { subject: string; issuer: string; thumbprint: string; notAfter: string };
};

/** A text of the catalogue: fixed, or worded from the facts of the failure (all strings). */
type CatalogueText<Facts> = string | ((facts: Facts) => string);

/** One known failure: the code it reports, and the words for what happened, why, and the fix. */
export type CatalogueEntry<Facts = never> = {
  code: string;
  title: string;
  cause: CatalogueText<Facts>;
  fix: CatalogueText<Facts>;
};

/** A stage's catalogue; its keys are unique across all stages (catalogue.test.ts checks). */
export type Catalogue = Record<string, CatalogueEntry<never>>;

/** The diagnosis an entry gives for these facts. */
export function diagnosisFrom<Facts>(
  entry: CatalogueEntry<Facts>,
  facts: Facts,
  extra: { code?: string; details?: Record<string, string> } = {},
): Diagnosis {
  const diagnosis: Diagnosis = {
    code: extra.code ?? entry.code,
    title: entry.title,
    cause: typeof entry.cause === "string" ? entry.cause : entry.cause(facts),
    fix: typeof entry.fix === "string" ? entry.fix : entry.fix(facts),
  };
  if (extra.details) diagnosis.details = extra.details;
  return diagnosis;
}

/** The diagnosis of an entry whose words need no facts. */
export function fixedDiagnosis(
  entry: { code: string; title: string; cause: string; fix: string },
  details?: Record<string, string>,
): Diagnosis {
  const diagnosis: Diagnosis = { code: entry.code, title: entry.title, cause: entry.cause, fix: entry.fix };
  if (details) diagnosis.details = details;
  return diagnosis;
}

/** How each stage names the endpoint it talks to, in causes and fixes. */
export const ENDPOINT_NAMES: Record<DiagnosisStage, string> = {
  configuration: "provider",
  discovery: "discovery endpoint",
  authorization: "authorization endpoint",
  callback: "token endpoint",
  token: "token endpoint",
  id_token: "token endpoint",
  userinfo: "userinfo endpoint",
  refresh: "token endpoint",
  api: "API",
};
