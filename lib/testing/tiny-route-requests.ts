/**
 * A route on the connection test fixture's tiny server (another host than the provider) that
 * answers with a fixed status and JSON body and keeps what it was sent: the tests that check where
 * a secret or token may go assert it received nothing, or only what it should.
 */
import type { ConnectionTestFixture } from "@/lib/testing/connection-test-fixture";

/** Serves `path` with `answer`; returns the Authorization header ("" when none) of every request it receives. */
export function recordTinyRequests(
  fx: Pick<ConnectionTestFixture, "tinyRoutes">,
  path: string,
  answer: { status: number; json?: unknown },
): string[] {
  const authorizations: string[] = [];
  fx.tinyRoutes.set(path, (req, res) => {
    authorizations.push(req.headers.authorization ?? "");
    if (answer.json === undefined) res.writeHead(answer.status).end();
    else res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.json));
  });
  return authorizations;
}
