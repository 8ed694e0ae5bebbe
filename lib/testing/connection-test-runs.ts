/**
 * The steps the connection-test flow suites repeat over their fixture (connection-test-fixture.ts):
 * run a client credentials test and read its run back, start a code flow test as the admin, find a
 * step of the recorded trace.
 */
import { actor, type ConnectionInput, type ConnectionTestFixture } from "@/lib/testing/connection-test-fixture";

type Connection = Parameters<ConnectionTestFixture["runClientCredentials"]>[0];
type TestRun = Awaited<ReturnType<ConnectionTestFixture["testRun"]>>;

/** What the client credentials tests usually ask for: a JWT access token for the unit API. */
export const API_READ = { scopes: ["api:read"], resource: "urn:unit:api" };

/** Runs a client credentials test of the connection and reads the run it recorded. */
export async function runClientCredentialsRun(fx: ConnectionTestFixture, connection: Connection) {
  const { testRunId, outcome } = await fx.runClientCredentials(connection);
  return { testRunId, outcome, run: await fx.testRun(testRunId) };
}

/** Saves a client credentials connection, tests it and reads the run it recorded. */
export async function testClientCredentialsConnection(
  fx: ConnectionTestFixture,
  input: Omit<ConnectionInput, "grantType">,
) {
  const connection = await fx.createConnection({ grantType: "client_credentials", ...input });
  return { connection, ...(await runClientCredentialsRun(fx, connection)) };
}

type Start = Parameters<ConnectionTestFixture["engine"]["startAuthorization"]>[0];

/** Starts an authorization as the Test connection (or Connect my account) button does, by default as the admin. */
export function startAuthorizationAs(
  fx: ConnectionTestFixture,
  connection: Connection,
  user: Start["user"] = fx.admin,
  purpose: Start["purpose"] = "TEST",
) {
  return fx.engine.startAuthorization({ connection, user, actor: actor(user), purpose, fetch: fx.fetch });
}

/** The recorded trace's step of that name (token_request, refresh, userinfo…). */
export function traceStepOf(run: TestRun, name: string) {
  return run.traceJson.find((step: { name: string }) => step.name === name);
}
