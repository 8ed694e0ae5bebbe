/** What the diagnosis needs to know about a test: the connection's settings and the stage that failed. */
import crypto from "node:crypto";
import { z } from "zod";
import type { Connection } from "@/lib/db/generated/client";
import { parseJsonColumn } from "@/lib/db/json-column";
import type { ConnectionSettings } from "@/lib/connections/connection-settings";
import type { DiagnosisContext, DiagnosisStage } from "@/lib/diagnosis/diagnosis";
import type { TraceRecorder, TraceStepName } from "@/lib/oauth/trace";

/** What the diagnosis reads of the client setup (lib/oauth/client-config.ts), when there is one. */
type SetupFacts = { metadata: { issuer: string; token_endpoint?: string }; supportedAuthMethods?: string[] };

export function diagnosisContextFor(
  connection: Connection,
  settings: ConnectionSettings,
  stage: DiagnosisStage,
  setup: SetupFacts | undefined,
): DiagnosisContext {
  return {
    stage,
    grantType: connection.grantType,
    clientAuthMethod: connection.clientAuthMethod,
    callbackUrl: settings.callbackUrl,
    issuer: setup?.metadata.issuer ?? connection.issuer,
    supportedAuthMethods: setup?.supportedAuthMethods,
    tokenEndpoint: setup?.metadata.token_endpoint,
    scopes: settings.scopes,
    resource: settings.resource,
    audience: settings.audience,
    assertionAudience: connection.clientAssertionAudience === "token_endpoint" ? "token_endpoint" : "issuer",
    clientKeyId: connection.privateKeyId,
    clientKeyAlgorithm: publicKeyAlgorithm(connection.publicKeyJwk),
    clientCertificate: certificateFactsOf(connection.clientCertificatePem),
  };
}

/** The alg of the stored public JWK (public, not sealed). */
function publicKeyAlgorithm(jwk: string | null): string | null {
  return parseJsonColumn(jwk, z.object({ alg: z.string() }))?.alg ?? null;
}

/** The public facts of the connection's mTLS certificate, read from its PEM (no key involved). */
function certificateFactsOf(pem: string | null): DiagnosisContext["clientCertificate"] {
  if (!pem) return undefined;
  try {
    const certificate = new crypto.X509Certificate(pem);
    const oneLine = (dn: string) => dn.split("\n").filter(Boolean).join(", ");
    return {
      subject: oneLine(certificate.subject),
      issuer: oneLine(certificate.issuer),
      thumbprint: crypto.createHash("sha256").update(certificate.raw).digest("base64url"),
      notAfter: new Date(certificate.validTo).toISOString(),
    };
  } catch {
    return undefined;
  }
}

const STAGE_OF_STEP: Record<TraceStepName, DiagnosisStage> = {
  configuration: "configuration",
  discovery: "discovery",
  authorization_request: "authorization",
  authorization_check: "authorization",
  request_object: "authorization",
  pushed_authorization_request: "authorization",
  callback: "callback",
  token_request: "token",
  token_response: "token",
  id_token: "id_token",
  userinfo: "userinfo",
  refresh: "refresh",
  refresh_response: "refresh",
  probe: "token",
  api_check: "api",
  introspection: "token",
  revocation: "token",
};

/** The stage of the step that failed (the last one recorded). */
export function failedStage(trace: TraceRecorder, fallback: DiagnosisStage = "configuration"): DiagnosisStage {
  const last = trace.steps.at(-1);
  return last ? STAGE_OF_STEP[last.name] : fallback;
}
