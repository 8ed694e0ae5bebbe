/**
 * First half of an Authorization Code test (or a user connecting their account): builds the
 * authorization request with state, PKCE and nonce, checks it against the provider before the
 * browser goes there, and keeps the pending authorization on the server: state only as a SHA-256
 * hash, verifier and nonce encrypted, bound to the user and connection, single use, 10 minutes.
 */
import crypto from "node:crypto";
import { prisma as db } from "@/lib/db/prisma";
import type { Connection } from "@/lib/db/generated/client";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { encryptSecret } from "@/lib/crypto/secret-box";
import type { GuardedFetch } from "@/lib/net/guarded-fetch";
import { buildClientConfiguration, type ClientSetup } from "@/lib/oauth/client-config";
import {
  buildAuthorizationUrl,
  pkceChallengeOf,
  randomNonce,
  randomPkceVerifier,
  randomState,
} from "@/lib/oauth/protocol-requests";
import type { ProviderMetadata } from "@/lib/oauth/protocol-types";
import { clientProfileOf } from "@/lib/connections/client-profile";
import { redactParameters } from "@/lib/oauth/redact";
import type { TraceRecorder } from "@/lib/oauth/trace";
import type { ConnectionSettings } from "@/lib/connections/connection-settings";
import { diagnosisContextFor } from "@/lib/diagnosis/diagnosis-context";
import { checkedAuthorizationUrl } from "@/lib/connection-tests/check-authorization-request";
import { recordFinishedTest, type TestUser } from "@/lib/connection-tests/record-test-run";
import { emptyResult, type TestResultSummary } from "@/lib/connection-tests/test-result";
import { openTestRun, runTestSteps } from "@/lib/connection-tests/test-run";

export const PENDING_AUTHORIZATION_TTL_MS = 10 * 60 * 1000;

type Purpose = "TEST" | "CONNECT";

type StartedAuthorization =
  { kind: "redirect"; authorizationUrl: string; testRunId: string } | { kind: "failed"; testRunId: string };

/** SHA-256 of the state value, hex; the only form in which a state is stored. */
export function hashState(state: string): string {
  return crypto.createHash("sha256").update(state, "utf8").digest("hex");
}

// Parameters the protocol sets; an additional parameter with one of these names is ignored.
const PROTOCOL_PARAMETERS = new Set([
  "state",
  "nonce",
  "code_challenge",
  "code_challenge_method",
  "redirect_uri",
  "client_id",
  "response_type",
  "scope",
  "resource",
  "audience",
  "dpop_jkt",
]);

export async function startAuthorization(input: {
  connection: Connection;
  user: TestUser;
  actor: AuditActor;
  purpose: Purpose;
  fetch?: GuardedFetch;
  forceSignIn?: boolean;
  /** A key rotation's test: the code exchange signs with the prepared next key. */
  signingKey?: "next";
}): Promise<StartedAuthorization> {
  const { connection, purpose } = input;
  const startedAt = new Date();
  const run = openTestRun(connection, {
    startedAt,
    result: emptyResult(purpose, connection.grantType),
    fetch: input.fetch,
  });
  const { settings, trace, fetch, result } = run;

  const steps = await runTestSteps(run, async (): Promise<StartedAuthorization> => {
    const profile = clientProfileOf(connection, { signingKey: input.signingKey });
    const setup = (run.setup = await buildClientConfiguration(profile, trace, fetch));
    const request = await buildAuthorizationRequest(
      connection,
      settings,
      setup,
      trace,
      result,
      input.forceSignIn ?? false,
    );
    const context = diagnosisContextFor(connection, settings, "authorization", setup);
    const authorizationUrl = await checkedAuthorizationUrl({
      setup,
      options: profile.requestOptions,
      parameters: request.parameters,
      trace,
      fetch,
      settings,
      context,
      connectionVersion: connection.version,
    });

    const pendingId = crypto.randomUUID();
    const expiresAt = new Date(startedAt.getTime() + PENDING_AUTHORIZATION_TTL_MS);
    const testRun = await db.$transaction(async (tx) => {
      const testRun = await tx.testRun.create({
        data: {
          connectionId: connection.id,
          startedById: input.user.id,
          purpose,
          grantType: connection.grantType,
          targetHost: settings.targetHost,
          status: "AWAITING_CALLBACK",
          startedAt,
          result: JSON.stringify(result),
          trace: JSON.stringify(trace.steps),
        },
        select: { id: true },
      });
      await tx.pendingAuthorization.create({
        data: {
          id: pendingId,
          stateHash: hashState(request.state),
          connectionId: connection.id,
          userId: input.user.id,
          testRunId: testRun.id,
          purpose,
          codeVerifierEncrypted: request.codeVerifier
            ? encryptSecret(request.codeVerifier, { recordId: pendingId, field: "codeVerifier" })
            : null,
          nonceEncrypted: request.nonce ? encryptSecret(request.nonce, { recordId: pendingId, field: "nonce" }) : null,
          redirectUri: settings.callbackUrl,
          issuer: setup.metadata.issuer,
          signingKey: input.signingKey ?? null,
          expiresAt,
        },
      });
      // Expired, never-completed authorizations are of no use to anyone.
      await tx.pendingAuthorization.deleteMany({
        where: { expiresAt: { lt: new Date(startedAt.getTime() - PENDING_AUTHORIZATION_TTL_MS) } },
      });
      return testRun;
    });
    return { kind: "redirect", authorizationUrl: authorizationUrl.href, testRunId: testRun.id };
  });
  if (steps.ok) return steps.value;

  const { testRunId } = await recordFinishedTest({
    connection,
    purpose,
    user: input.user,
    actor: input.actor,
    targetHost: settings.targetHost,
    startedAt,
    outcome: "FAILED",
    result,
    trace: trace.steps,
    diagnosis: steps.diagnosis,
  });
  return { kind: "failed", testRunId };
}

type AuthorizationRequest = {
  parameters: Record<string, string>;
  state: string;
  nonce?: string;
  codeVerifier?: string;
};

async function buildAuthorizationRequest(
  connection: Connection,
  settings: ConnectionSettings,
  setup: ClientSetup,
  trace: TraceRecorder,
  result: TestResultSummary,
  forceSignIn: boolean,
): Promise<AuthorizationRequest> {
  return trace.step("authorization_request", "Authorization request", async (step) => {
    const state = randomState();
    const parameters: Record<string, string> = { redirect_uri: settings.callbackUrl, state };
    if (settings.scopes.length > 0) parameters.scope = settings.scopes.join(" ");

    // OIDC Core §3.1.2.1: a nonce binds the ID token to this request.
    const nonce = settings.wantsOpenId ? randomNonce() : undefined;
    if (nonce) parameters.nonce = nonce;

    const pkceMethod = choosePkceMethod(connection, setup.metadata);
    let codeVerifier: string | undefined;
    if (pkceMethod) {
      codeVerifier = randomPkceVerifier();
      parameters.code_challenge = pkceMethod === "S256" ? await pkceChallengeOf(codeVerifier) : codeVerifier;
      parameters.code_challenge_method = pkceMethod;
    }
    if (pkceMethod === "plain") {
      result.warnings.push(
        "PKCE uses the plain method: the verifier travels in the clear. Use S256 unless the provider cannot (RFC 7636 §4.2).",
      );
    }
    if (!pkceMethod)
      step.note("PKCE not sent: the provider does not advertise S256 support (code_challenge_methods_supported).");

    if (settings.audience) parameters.audience = settings.audience;
    if (settings.resource) parameters.resource = settings.resource;
    // RFC 9449 §10: dpop_jkt binds the authorization code to the connection's DPoP key, so a code
    // taken in transit cannot be redeemed with another key.
    if (setup.dpop) parameters.dpop_jkt = setup.dpop.jkt;
    for (const { key, value } of settings.authParams) {
      if (PROTOCOL_PARAMETERS.has(key.toLowerCase()))
        step.note(`Additional parameter “${key}” ignored: the protocol sets it.`);
      else parameters[key] = value;
    }
    // OIDC Core §3.1.2.1: prompt=login makes the provider ask for credentials even when a session
    // exists there, so an admin can test as another user.
    if (forceSignIn) {
      parameters.prompt = "login";
      step.note("Force sign-in: prompt=login asks the provider to show its login page even with a session.");
    }

    const url = buildAuthorizationUrl(setup.client, parameters);
    step.details.endpoint = `${url.origin}${url.pathname}`;
    step.details.parameters = redactParameters(
      url.searchParams,
      settings.authParams.map((p) => p.key),
    );
    step.details.pkce = pkceMethod ?? "not used";
    step.details.nonce = nonce ? "sent (OpenID Connect)" : "not used (no openid scope)";
    step.details.state = "sent; kept on the server only as a SHA-256 hash";
    step.details.display = "your browser, in a popup or this tab";
    return { parameters, state, nonce, codeVerifier };
  });
}

/** S256 for PKCE connections (plain only when chosen explicitly); S256 for confidential clients when the provider supports it. */
function choosePkceMethod(connection: Connection, metadata: ProviderMetadata): "S256" | "plain" | null {
  if (connection.grantType === "authorization_code_pkce") return connection.pkceMethod === "plain" ? "plain" : "S256";
  const supported = metadata.code_challenge_methods_supported;
  return Array.isArray(supported) && supported.includes("S256") ? "S256" : null;
}
