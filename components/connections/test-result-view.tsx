import type { ReactNode } from "react";
import { Download } from "lucide-react";
import { Alert, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyableCode } from "@/components/ui/copyable-code";
import { FactList, type Fact } from "@/components/ui/fact-list";
import { FormattedDate } from "@/components/ui/formatted-date";
import { ClaimsTable } from "@/components/connections/claims-table";
import { formatDuration } from "@/components/connections/format-duration";
import { outcomeHeadline } from "@/components/connections/outcome-headline";
import { displayOutcome } from "@/components/connections/test-outcome-badge";
import { TestTrace } from "@/components/connections/test-trace";
import { ApplyFixButton } from "@/components/connections/apply-fix-button";
import { ProbeFindings } from "@/components/connections/probe-findings";
import { TokenChecksCard } from "@/components/connections/token-checks-card";
import { CauseAndFix } from "@/components/connections/cause-and-fix";
import { ScopesCard } from "@/components/connections/scopes-card";
import { traceDownloadPath } from "@/lib/connection-tests/test-paths";
import type { Diagnosis } from "@/lib/diagnosis/diagnosis";
import type { StoredTestRun, TestResultSummary } from "@/lib/connection-tests/test-result";

/** The body of a test result: outcome, diagnosis, token, scopes, claims and the trace. Redacted data only. */
export function TestResultView({
  run,
  startedByEmail,
  canApplyFix = false,
  diagnosisActions,
}: {
  run: StoredTestRun;
  startedByEmail: string | null;
  canApplyFix?: boolean;
  diagnosisActions?: ReactNode;
}) {
  const outcome = displayOutcome(run.status, run.startedAt);
  const { result } = run;
  return (
    <div className="grid grid-cols-1 gap-6">
      <section aria-labelledby="outcome-heading" className="flex flex-col gap-2 rounded-lg border bg-card p-5">
        <h2 id="outcome-heading" className="sr-only">
          Outcome
        </h2>
        <div className="flex flex-wrap items-center gap-3">
          <Badge variant={outcome.variant} className="px-3 py-1 text-base" data-testid="test-outcome">
            {outcome.label}
          </Badge>
          <span className="text-sm text-muted-foreground">
            {run.purpose === "CONNECT" ? "Account connection" : "Test"} started <FormattedDate value={run.startedAt} />
            {startedByEmail ? ` by ${startedByEmail}` : ""}
            {run.durationMs !== null ? ` · took ${formatDuration(run.durationMs)}` : ""}
            {run.targetHost ? ` · ${run.targetHost}` : ""}
          </span>
        </div>
        <p className="text-sm" data-testid="outcome-headline">
          {outcomeHeadline(outcome.label, result, run.trace)}
        </p>
      </section>

      {run.diagnosis ? (
        <DiagnosisPanel
          diagnosis={run.diagnosis}
          fix={canApplyFix ? { connectionId: run.connectionId, testRunId: run.id } : undefined}
          actions={diagnosisActions}
        />
      ) : null}

      {result.warnings.length > 0 ? <ListAlert variant="warning" title="Warnings" items={result.warnings} /> : null}
      {result.metadataLint?.length ? (
        <ListAlert variant="info" title="Metadata lint (does not affect the outcome)" items={result.metadataLint} />
      ) : null}
      {result.notes.length > 0 ? <ListAlert variant="info" title="Notes" items={result.notes} /> : null}

      {result.token ? <TokenCard result={result} /> : null}
      {result.scopes ? <ScopesCard scopes={result.scopes} /> : null}
      <TokenChecksCard result={result} />
      {result.refresh ? <RefreshCard refresh={result.refresh} /> : null}

      {result.accessTokenClaims ? (
        <Card>
          <CardHeader>
            <CardTitle>Access token claims</CardTitle>
            <CardDescription>
              The access token is a JWT; decoded here without verifying it (that is the API&apos;s job).
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            <ClaimsTable claims={result.accessTokenClaims.header} label="Access token header" />
            <ClaimsTable claims={result.accessTokenClaims.payload} label="Access token claims" />
          </CardContent>
        </Card>
      ) : null}
      {result.idTokenClaims ? (
        <Card>
          <CardHeader>
            <CardTitle>ID token claims</CardTitle>
            <CardDescription>Validated: issuer, audience, expiry, nonce and signature.</CardDescription>
          </CardHeader>
          <CardContent>
            <ClaimsTable claims={result.idTokenClaims} label="ID token claims" />
          </CardContent>
        </Card>
      ) : null}
      {result.userinfo ? (
        <Card>
          <CardHeader>
            <CardTitle>Userinfo claims</CardTitle>
          </CardHeader>
          <CardContent>
            <ClaimsTable claims={result.userinfo} label="Userinfo claims" />
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>Trace</CardTitle>
          <CardDescription>
            Each step with its timing. Secrets, codes and verifiers are never recorded; tokens only as an 8-character
            prefix.
          </CardDescription>
          <div>
            <Button asChild variant="outline" size="sm">
              <a href={traceDownloadPath(run.connectionId, run.id)} download>
                <Download aria-hidden />
                Download trace
              </a>
            </Button>
          </div>
        </CardHeader>
        <CardContent>
          <TestTrace steps={run.trace} />
        </CardContent>
      </Card>
    </div>
  );
}

/** Sentences of one kind (warnings, notes, lint findings) as a titled list. */
function ListAlert({
  variant,
  title,
  items,
}: {
  variant: "warning" | "info";
  title: string;
  items: readonly string[];
}) {
  return (
    <Alert variant={variant}>
      <AlertTitle>{title}</AlertTitle>
      <ul className="list-disc pl-5">
        {items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
    </Alert>
  );
}

function DiagnosisPanel({
  diagnosis,
  fix,
  actions,
}: {
  diagnosis: Diagnosis;
  fix?: { connectionId: string; testRunId: string };
  actions?: ReactNode;
}) {
  const callbackUrl = diagnosis.details?.callbackUrl;
  const otherDetails = Object.entries(diagnosis.details ?? {}).filter(([key]) => key !== "callbackUrl");
  return (
    <Alert variant="destructive" aria-labelledby="diagnosis-heading">
      <h2 id="diagnosis-heading" className="mb-1 font-semibold">
        Diagnosis: {diagnosis.title}
      </h2>
      <CauseAndFix diagnosis={diagnosis} />
      {actions ? <div className="mt-3 flex flex-wrap gap-2">{actions}</div> : null}
      {callbackUrl ? (
        <CopyableCode
          value={callbackUrl}
          copyLabel="Copy callback URL"
          testId="callback-url"
          className="mt-2"
          codeClassName="bg-background"
        />
      ) : null}
      {diagnosis.probes?.length ? <ProbeFindings probes={diagnosis.probes} /> : null}
      {diagnosis.suggestion && fix ? (
        <ApplyFixButton
          connectionId={fix.connectionId}
          testRunId={fix.testRunId}
          action={diagnosis.suggestion.action}
        />
      ) : null}
      {otherDetails.length > 0 ? (
        <FactList facts={otherDetails} className="mt-2 gap-x-3 text-xs" valueClassName="font-mono break-all" />
      ) : null}
    </Alert>
  );
}

function TokenCard({ result }: { result: TestResultSummary }) {
  const token = result.token!;
  const stored = result.tokenStored;
  const facts: Fact[] = [
    ["Token type", token.tokenType],
    [
      "Access token",
      `${token.accessTokenPrefix ?? "[redacted]"} (${token.accessTokenFormat === "jwt" ? "JWT" : "opaque"})`,
    ],
    [
      "Lifetime",
      `${token.lifetimeSeconds} seconds${token.lifetimeSource === "default" ? " (the connection's default: the provider sent no expires_in)" : ""}`,
    ],
    ["Valid until", <FormattedDate key="exp" value={token.expiresAt} />],
    ["Refresh token", token.refreshTokenPresent ? "Present" : "None"],
    ["ID token", token.idTokenPresent ? "Present" : "None"],
    [
      "Stored",
      stored
        ? stored.ownerKey === "shared"
          ? "Yes, encrypted, as the connection's shared token set"
          : `Yes, encrypted, for ${stored.userEmail ?? "the user"}`
        : "No",
    ],
  ];
  return (
    <Card>
      <CardHeader>
        <CardTitle>Token</CardTitle>
      </CardHeader>
      <CardContent>
        <FactList facts={facts} />
      </CardContent>
    </Card>
  );
}

function RefreshCard({ refresh }: { refresh: NonNullable<TestResultSummary["refresh"]> }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Refresh</CardTitle>
      </CardHeader>
      <CardContent className="text-sm">
        {refresh.ok ? (
          <p>
            The refresh token worked
            {refresh.newAccessTokenPrefix ? ` (new access token ${refresh.newAccessTokenPrefix})` : ""}.{" "}
            <strong>
              {refresh.rotated
                ? "The provider rotated the refresh token"
                : "The provider did not rotate the refresh token"}
            </strong>
            {refresh.rotated
              ? ": each refresh returns a new one and the old one stops working."
              : ": the same refresh token stays valid."}
          </p>
        ) : (
          <p className="text-destructive">The refresh failed: {refresh.problem ?? "see the diagnosis"}.</p>
        )}
      </CardContent>
    </Card>
  );
}
