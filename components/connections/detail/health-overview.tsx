import Link from "next/link";
import type { ReactNode } from "react";
import { RelativeTime } from "@/components/ui/relative-time";
import { ConnectionStatusBadge } from "@/components/connections/connection-status-badge";
import { TestOutcomeBadge } from "@/components/connections/test-outcome-badge";
import { TestConnectionButton } from "@/components/connections/test-connection-button";
import { getSessionUser } from "@/lib/auth/session";
import { loadConnectionHealth } from "@/lib/health/connection-health";
import { loadUntestedChanges } from "@/lib/connections/good-configuration";
import { UntestedChangesNotice } from "@/components/connections/untested-changes";
import type { ConnectionView } from "@/lib/connections/connection-record";
import { healthProblemTrigger, type HealthProblem } from "@/lib/connections/health-problem";
import { testResultPath } from "@/lib/connection-tests/test-paths";

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="grid min-w-0 content-start gap-1" data-testid={testId}>
      <dt className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{label}</dt>
      <dd className="min-w-0 text-sm wrap-anywhere">{children}</dd>
    </div>
  );
}

/** Why the connection is Failing, right under its status: the diagnosis, who or what found it, when, and Test now. */
function ProblemNotice({
  problem,
  connectionId,
  canTest,
}: {
  problem: HealthProblem;
  connectionId: string;
  canTest: boolean;
}) {
  return (
    <div
      className="mb-4 flex flex-col gap-3 rounded-md border border-destructive/40 bg-destructive/5 p-3 sm:flex-row sm:items-start sm:justify-between"
      data-testid="health-problem"
    >
      <div className="grid min-w-0 gap-1 text-sm">
        <p className="font-medium wrap-anywhere text-destructive">{problem.title}</p>
        <p className="text-xs wrap-anywhere text-muted-foreground">
          {healthProblemTrigger(problem)}, <RelativeTime value={problem.at} />
          {problem.testRunId ? (
            <>
              {" · "}
              <Link
                href={testResultPath(connectionId, problem.testRunId)}
                className="font-medium text-primary underline-offset-4 hover:underline"
              >
                View result
              </Link>
            </>
          ) : null}
        </p>
      </div>
      {canTest ? <TestConnectionButton connectionId={connectionId} label="Test now" variant="outline" /> : null}
    </div>
  );
}

/**
 * The first thing on a connection's page: is it working? Status (including an expired token), and
 * when Failing the latest problem whatever found it (a test, a token API or background refresh),
 * what changed since the last successful test (bots keep that configuration until a test passes),
 * the last completed test and its outcome, the token's validity, when the token API last served
 * it, and the client secret's age.
 */
export async function HealthOverview({ connection }: { connection: ConnectionView }) {
  const [facts, me, untested] = await Promise.all([
    loadConnectionHealth(connection.id),
    getSessionUser(),
    loadUntestedChanges(connection.id),
  ]);
  const canTest = me?.role === "ADMIN" && connection.enabled;
  const clientCredentials = connection.grantType === "client_credentials";
  const perUser = connection.tokenSharing === "PER_USER" && !clientCredentials;
  const token = facts.sharedToken;
  return (
    <section
      aria-labelledby="health-heading"
      className="rounded-lg border bg-card p-5 shadow-sm"
      data-testid="health-overview"
    >
      <h2 id="health-heading" className="mb-4 text-base font-semibold">
        Health
      </h2>
      {facts.problem ? <ProblemNotice problem={facts.problem} connectionId={connection.id} canTest={canTest} /> : null}
      {untested ? (
        <div className="mb-4">
          <UntestedChangesNotice
            connectionId={connection.id}
            untested={untested}
            canRevert={me?.role === "ADMIN"}
            action={
              canTest && !facts.problem ? (
                <TestConnectionButton connectionId={connection.id} label="Test now" variant="outline" />
              ) : undefined
            }
          />
        </div>
      ) : null}
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-5">
        <Fact label="Status" testId="health-status">
          <ConnectionStatusBadge
            status={connection.status}
            health={connection.health}
            grantType={connection.grantType}
            enabled={connection.enabled}
            tokenExpiresAt={token?.expiresAt ?? null}
          />
        </Fact>
        <Fact label="Last test" testId="health-last-test">
          {facts.lastTest ? (
            <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <TestOutcomeBadge status={facts.lastTest.status} startedAt={facts.lastTest.startedAt} />
              <RelativeTime value={facts.lastTest.startedAt} />
              <Link
                href={testResultPath(connection.id, facts.lastTest.id)}
                className="font-medium text-primary underline-offset-4 hover:underline"
              >
                View result
              </Link>
              {facts.lastTest.diagnosisTitle ? (
                <span className="basis-full text-xs text-muted-foreground">{facts.lastTest.diagnosisTitle}</span>
              ) : null}
            </span>
          ) : (
            <span className="text-muted-foreground">Never tested</span>
          )}
        </Fact>
        <Fact label="Token" testId="health-token">
          {perUser ? (
            <span>
              {facts.connectedAccounts === 1 ? "1 connected account" : `${facts.connectedAccounts} connected accounts`}
            </span>
          ) : !token ? (
            <span className="text-muted-foreground">None stored yet</span>
          ) : token.expired && clientCredentials ? (
            // A cached client-credentials token is fetched again on the next request: nothing to fix.
            <span>
              Expired <RelativeTime value={token.expiresAt!} />
              <span className="block text-xs text-muted-foreground">A new one is fetched on the next request</span>
            </span>
          ) : token.expired ? (
            <span className="text-destructive">
              Expired <RelativeTime value={token.expiresAt!} />
            </span>
          ) : token.expiresAt ? (
            <span>
              Valid until <RelativeTime value={token.expiresAt} />
            </span>
          ) : (
            <span>Valid, no expiry reported</span>
          )}
          {token && !perUser ? (
            <span className="block text-xs text-muted-foreground">
              {token.refreshTokenPresent ? "Refresh token stored" : "No refresh token"}
            </span>
          ) : null}
        </Fact>
        <Fact label="Last served" testId="health-last-served">
          {facts.lastServedAt ? (
            <span>
              Token API <RelativeTime value={facts.lastServedAt} />
            </span>
          ) : (
            <span className="text-muted-foreground">Never, by the token API</span>
          )}
        </Fact>
        <Fact label="Client secret" testId="health-secret">
          {connection.clientAuthMethod === "none" ? (
            <span className="text-muted-foreground">None (public client)</span>
          ) : connection.hasClientSecret && connection.clientSecretSetAt ? (
            <span>
              Set <RelativeTime value={connection.clientSecretSetAt} />
            </span>
          ) : (
            <span className="text-muted-foreground">Not set</span>
          )}
        </Fact>
      </dl>
    </section>
  );
}
