"use server";

import { findConnection } from "@/lib/connections/find-connections";
import { auditActorFor } from "@/lib/auth/session";
import { fail, ok, parseInput, runAction, type ActionResult } from "@/lib/actions/action-result";
import { recordIdSchema } from "@/lib/schemas/record-id";
import { startTest } from "@/lib/connection-tests/start-test";
import type { StartedTest } from "@/lib/connection-tests/test-paths";
import {
  cancelAwaitingTestRun,
  readTestProgress,
  type CancelOutcome,
  type TestProgress,
} from "@/lib/connection-tests/cancel-test-run";

/**
 * Tests a connection with its real flow (ADMIN only: tests use the stored secret and reach out to
 * the provider). Client credentials run here and return the result page; code flows return the
 * provider's authorization URL, and the callback finishes the test. `nextKey`: a key rotation's
 * "Test with new key", signed with the prepared next key.
 * No revalidatePath here: the browser goes on to the result with router.push, and a push right
 * after a revalidating action preempts the action's refresh of the page it was called from; the
 * result then shows only after that refresh and another one land (seconds under load). The result
 * and every page linked from it are dynamic and read fresh.
 */
export async function startConnectionTest(
  connectionId: string,
  options: { forceSignIn?: boolean; nextKey?: boolean } = {},
): Promise<ActionResult<StartedTest>> {
  return runAction<StartedTest>("ADMIN", async (user) => {
    parseInput(recordIdSchema, connectionId, "Unknown connection.");
    const connection = await findConnection(connectionId);
    if (!connection) return fail("This connection no longer exists.");
    if (options.nextKey && !connection.nextPrivateKeyId) return fail("There is no new key to test: prepare one first.");
    return ok(
      await startTest({
        connection,
        user: { id: user.id, email: user.email },
        actor: await auditActorFor(user),
        forceSignIn: options.forceSignIn === true,
        signingKey: options.nextKey ? "next" : undefined,
      }),
    );
  });
}

/**
 * Stores the signed-in user's own token set for a Per-user connection. ADMIN only for now:
 * auditors are read-only in the console, and connecting an account writes a token set and makes
 * outbound requests.
 */
export async function connectMyAccount(connectionId: string): Promise<ActionResult<StartedTest>> {
  return runAction<StartedTest>("ADMIN", async (user) => {
    parseInput(recordIdSchema, connectionId, "Unknown connection.");
    const connection = await findConnection(connectionId);
    if (!connection) return fail("This connection no longer exists.");
    if (connection.tokenSharing !== "PER_USER")
      return fail("This connection shares one token set; use Test connection to store it.");
    if (connection.grantType === "client_credentials")
      return fail("Client credentials connections have no user accounts to connect.");
    const actor = await auditActorFor(user);
    return ok(await startTest({ connection, user: { id: user.id, email: user.email }, actor, purpose: "CONNECT" }));
  });
}

/** The steps a running test has recorded so far, for the progress panel next to the Test button. */
export async function readTestProgressAction(testRunId: string): Promise<ActionResult<TestProgress>> {
  return runAction<TestProgress>("ADMIN", async () => {
    parseInput(recordIdSchema, testRunId, "Unknown test.");
    const progress = await readTestProgress(testRunId);
    return progress ? ok(progress) : fail("This test no longer exists.");
  });
}

/** The admin closed the provider's window before it redirected back: the test ends as cancelled. */
export async function cancelTestAction(testRunId: string): Promise<ActionResult<CancelOutcome>> {
  return runAction<CancelOutcome>("ADMIN", async (user) => {
    parseInput(recordIdSchema, testRunId, "Unknown test.");
    const outcome = await cancelAwaitingTestRun({ testRunId, userId: user.id, actor: await auditActorFor(user) });
    return ok(outcome);
  });
}
