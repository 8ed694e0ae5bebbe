/**
 * Second half of an Authorization Code test: the provider redirected the browser to the callback.
 * Finds the pending authorization by the state's hash, refuses unknown, reused, expired and other
 * users' states, marks it consumed before the code is redeemed, exchanges the code (verifier,
 * nonce, RFC 9207 iss), checks the ID token, calls userinfo, tries a refresh and reports rotation,
 * then records the result and, when it should be kept, the token set.
 */
import { prisma as db } from "@/lib/db/prisma";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { decryptSecret } from "@/lib/crypto/secret-box";
import type { GuardedFetch } from "@/lib/net/guarded-fetch";
import { buildClientConfiguration, type ProtocolClient } from "@/lib/oauth/client-config";
import { describeClientAuth } from "@/lib/oauth/client-auth/client-auth-methods";
import { requestCodeExchange, requestUserInfo } from "@/lib/oauth/protocol-requests";
import type { TokenResponseFields } from "@/lib/oauth/protocol-types";
import { clientProfileOf } from "@/lib/connections/client-profile";
import { recordNextKeyTest } from "@/lib/connections/client-key-rotation";
import { redactClaims, redactParameters } from "@/lib/oauth/redact";
import { tokenRequestParameters } from "@/lib/oauth/token-request-parameters";
import { REFUSALS, type RefusalReason } from "@/lib/connection-tests/callback-refusals";
import { diagnoseOAuthError } from "@/lib/diagnosis/classify-oauth-error";
import { diagnoseError } from "@/lib/diagnosis/diagnose-error";
import { DiagnosedError, type Diagnosis } from "@/lib/diagnosis/diagnosis";
import { diagnosisContextFor } from "@/lib/diagnosis/diagnosis-context";
import { lintGrantMetadata } from "@/lib/diagnosis/metadata-lint";
import { issuerMismatch } from "@/lib/diagnosis/mismatches";
import { inspectTokenResponse } from "@/lib/connection-tests/inspect-token-response";
import { runTokenProbes } from "@/lib/connection-tests/probes/run-token-probes";
import { recordFinishedTest, type FinishedTest, type TestUser } from "@/lib/connection-tests/record-test-run";
import { hashState } from "@/lib/connection-tests/start-authorization";
import { parseStoredTestRun } from "@/lib/connection-tests/stored-test-run";
import type { TestOutcome } from "@/lib/connection-tests/test-result";
import { openTestRun, runTestSteps } from "@/lib/connection-tests/test-run";
import { checkObtainedToken } from "@/lib/connection-tests/token-checks/after-token";
import { refreshAfterExchange } from "@/lib/connection-tests/test-refresh";
import { SHARED_OWNER } from "@/lib/tokens/token-store";

type CallbackOutcome =
  | { kind: "result"; connectionId: string; testRunId: string; outcome: TestOutcome }
  | { kind: "refused"; reason: RefusalReason; diagnosis: Diagnosis; connectionId?: string; testRunId?: string };

export async function completeAuthorization(input: {
  callbackUrl: URL;
  user: TestUser;
  actor: AuditActor;
  fetch?: GuardedFetch;
}): Promise<CallbackOutcome> {
  const { callbackUrl, user } = input;
  const state = callbackUrl.searchParams.get("state");
  if (!state) return refuse("missing_state");

  const pending = await db.pendingAuthorization.findUnique({ where: { stateHash: hashState(state) } });
  if (!pending) return refuse("unknown_state");
  if (pending.userId !== user.id) return refuse("other_user");

  // Single use (RFC 9700 §2.1): consume before anything else, atomically, so a replay loses.
  const consumed = await db.pendingAuthorization.updateMany({
    where: { id: pending.id, consumedAt: null },
    data: { consumedAt: new Date() },
  });
  if (consumed.count === 0) {
    return refuse("replayed", pending.connectionId, pending.testRunId ?? undefined);
  }

  const [connection, testRunRow] = await Promise.all([
    db.connection.findUnique({ where: { id: pending.connectionId } }),
    pending.testRunId ? db.testRun.findUnique({ where: { id: pending.testRunId } }) : null,
  ]);
  if (!connection || !testRunRow) return refuse("unknown_state");

  const stored = parseStoredTestRun(testRunRow);
  const purpose = pending.purpose === "CONNECT" ? "CONNECT" : "TEST";
  const run = openTestRun(connection, {
    startedAt: testRunRow.startedAt,
    steps: stored.trace,
    result: stored.result,
    fetch: input.fetch,
  });
  const { settings, trace, fetch, result } = run;
  const expired = pending.expiresAt.getTime() < Date.now();
  let probeAttempt: ((client: ProtocolClient) => Promise<TokenResponseFields>) | undefined;

  const steps = await runTestSteps(
    run,
    async () => {
      await trace.step("callback", "Callback received", async (step) => {
        step.details.url = settings.callbackUrl;
        step.details.parameters = redactParameters(callbackUrl.searchParams);
        if (expired) throw new DiagnosedError(REFUSALS.expired);
        const error = callbackUrl.searchParams.get("error");
        if (error) {
          // RFC 9207: an error response names its issuer too; check it before believing the error.
          const iss = callbackUrl.searchParams.get("iss");
          if (iss && pending.issuer && iss !== pending.issuer)
            throw new DiagnosedError(issuerMismatch("callback", pending.issuer, iss));
          const description = callbackUrl.searchParams.get("error_description") ?? undefined;
          throw new DiagnosedError(
            diagnoseOAuthError(error, description, diagnosisContextFor(connection, settings, "callback", undefined), {
              source: "the callback",
            }),
          );
        }
      });

      const setup = (run.setup = await buildClientConfiguration(
        clientProfileOf(connection, { signingKey: pending.signingKey === "next" ? "next" : undefined }),
        trace,
        fetch,
      ));
      const { client, metadata } = setup;
      const codeVerifier = pending.codeVerifierEncrypted
        ? decryptSecret(pending.codeVerifierEncrypted, { recordId: pending.id, field: "codeVerifier" })
        : undefined;
      const nonce = pending.nonceEncrypted
        ? decryptSecret(pending.nonceEncrypted, { recordId: pending.id, field: "nonce" })
        : undefined;

      const checks = {
        pkceCodeVerifier: codeVerifier,
        expectedState: state,
        expectedNonce: nonce,
        idTokenExpected: settings.wantsOpenId,
      };
      // Client authentication comes before the code is looked at, so a refused exchange leaves the code redeemable by a probe.
      probeAttempt = (variant) =>
        requestCodeExchange(variant, callbackUrl, checks, tokenRequestParameters(settings, "authorization_code"));
      const tokens = await trace.exchange(
        "token_request",
        { request: "Token request (authorization code)", response: "Token response" },
        async (step) => {
          step.details.client_authentication = describeClientAuth(setup.clientAuth);
          step.details.pkce_verifier = codeVerifier ? "sent (not shown)" : "not used";
          step.details.checks = [
            `state matches (looked up by its SHA-256 hash)`,
            metadata.authorization_response_iss_parameter_supported || callbackUrl.searchParams.has("iss")
              ? "iss matches the issuer (RFC 9207)"
              : "iss not sent by the provider",
          ].join("; ");
          // The code is redeemed at the exact redirect URI that was sent, built from APP_URL.
          return requestCodeExchange(
            client,
            callbackUrl,
            checks,
            tokenRequestParameters(settings, "authorization_code"),
          );
        },
      );
      const obtainedAt = new Date();
      inspectTokenResponse(tokens, settings, connection, result, obtainedAt);

      const idClaims = tokens.id_token ? tokens.claims() : undefined;
      if (idClaims) {
        trace.record("id_token", "ID token checks", "ok", {
          issuer: `${idClaims.iss} matches`,
          audience: `includes ${connection.clientId}`,
          expiry: `valid until ${new Date(idClaims.exp * 1000).toISOString()}`,
          nonce: nonce ? "matches the one sent" : "not used",
          signature: metadata.jwks_uri
            ? `verified against ${metadata.jwks_uri}`
            : "not verified (no JWKS URL): trusted from the TLS connection to the token endpoint",
        });
        result.idTokenClaims = redactClaims(idClaims);
      } else {
        trace.record("id_token", "ID token", "skipped", {}, ["No ID token: the openid scope was not requested."]);
      }

      if (metadata.userinfo_endpoint && settings.wantsOpenId) {
        try {
          const userinfo = await trace.step("userinfo", "Userinfo", () =>
            requestUserInfo(client, tokens.access_token, idClaims?.sub),
          );
          result.userinfo = redactClaims(userinfo);
        } catch (error) {
          const problem = await diagnoseError(error, diagnosisContextFor(connection, settings, "userinfo", setup));
          result.warnings.push(`Userinfo failed: ${problem.cause} ${problem.fix}`);
        }
      } else {
        trace.record("userinfo", "Userinfo", "skipped", {}, [
          metadata.userinfo_endpoint
            ? "Not called: the openid scope was not requested."
            : "The provider has no userinfo endpoint.",
        ]);
      }

      const latest = await refreshAfterExchange(
        trace,
        setup,
        tokens,
        tokenRequestParameters(settings, "refresh_token"),
        result,
      );

      result.metadataLint = lintGrantMetadata(metadata, connection.grantType, {
        refreshTokenUsed: Boolean(tokens.refresh_token),
        issOnCallback: callbackUrl.searchParams.has("iss"),
      });
      const { revoked, outcome } = await checkObtainedToken({
        trace,
        fetch,
        setup,
        connection,
        tokenResponse: latest,
        result,
      });
      let tokensToStore: FinishedTest["tokensToStore"];
      const ownerKey = revoked
        ? undefined
        : purpose === "CONNECT"
          ? user.id
          : connection.tokenSharing === "SHARED"
            ? SHARED_OWNER
            : undefined;
      if (ownerKey) {
        const lifetime = typeof latest.expires_in === "number" ? latest.expires_in : connection.defaultTokenLifetime;
        tokensToStore = {
          ownerKey,
          userId: purpose === "CONNECT" ? user.id : null,
          userEmail: purpose === "CONNECT" ? user.email : undefined,
          tokens: {
            accessToken: latest.access_token,
            refreshToken: latest.refresh_token,
            idToken: latest.id_token,
            tokenType: latest.token_type,
            dpopJkt: result.dpopBinding?.matches ? result.dpopBinding.jkt : null,
            scope: latest.scope,
            expiresAt: new Date((latest.refreshedAt ?? obtainedAt).getTime() + lifetime * 1000),
            obtainedAt,
            refreshedAt: latest.refreshedAt,
            refreshCount: latest.refreshedAt ? 1 : 0,
            refreshTokenRotations: latest.rotations,
          },
        };
      } else if (!revoked) {
        result.notes.push(
          "Per-user connection: a test keeps no tokens. Each user stores their own with Connect my account.",
        );
      }
      return { outcome, tokensToStore };
    },
    {
      fallbackStage: "callback",
      probe: async (diagnosis, context, setup) => {
        const attempt = probeAttempt;
        if (!attempt) return diagnosis;
        return runTokenProbes({
          trace,
          setup,
          connection,
          scopes: settings.scopes,
          scopeProbes: false,
          diagnosis,
          context,
          attempt: (variant) => attempt(variant),
        });
      },
    },
  );
  const diagnosis = steps.ok ? null : steps.diagnosis;
  if (diagnosis && ["refresh", "refresh_response"].includes(trace.steps.at(-1)?.name ?? ""))
    result.refresh = { ok: false, rotated: false, problem: diagnosis.title };
  const outcome: TestOutcome = steps.ok ? steps.value.outcome : "FAILED";

  const { testRunId } = await recordFinishedTest({
    testRunId: testRunRow.id,
    connection,
    purpose,
    user,
    actor: input.actor,
    targetHost: testRunRow.targetHost,
    startedAt: testRunRow.startedAt,
    outcome,
    result,
    trace: trace.steps,
    diagnosis,
    tokensToStore: steps.ok ? steps.value.tokensToStore : undefined,
  });
  await recordNextKeyTest(input.actor, { connection, signingKey: pending.signingKey, outcome, testRunId });
  if (expired) return refuse("expired", connection.id, testRunId);
  return { kind: "result", connectionId: connection.id, testRunId, outcome };
}

function refuse(reason: RefusalReason, connectionId?: string, testRunId?: string): CallbackOutcome {
  return { kind: "refused", reason, diagnosis: REFUSALS[reason], connectionId, testRunId };
}
