import { displayStepStatus } from "@/components/connections/trace-step-status";
import type { TestResultSummary } from "@/lib/connection-tests/test-result";
import type { TraceStep } from "@/lib/oauth/trace";

const FIXED_SENTENCES: Record<string, string> = {
  "Waiting for the provider":
    "The provider has not redirected back yet. Finish signing in there, in the popup or tab it opened.",
  Expired: "The provider never redirected back within 10 minutes. Start the test again.",
  Cancelled: "The sign-in window was closed before the provider redirected back. Start the test again.",
};

/**
 * The sentence under a result's outcome badge, built from what the run recorded so it never
 * claims more than the scopes and the trace show (a scope promise only when scopes were
 * compared, a failure naming the step that failed).
 */
export function outcomeHeadline(label: string, result: TestResultSummary, trace: TraceStep[]): string {
  if (label === "Success") return `The flow worked end to end${scopeClause(result)}`;
  if (label === "Warning") {
    const count = result.warnings.length;
    return count > 0
      ? `A token came back, but not everything is as requested: see the ${count === 1 ? "warning" : `${count} warnings`}.`
      : "A token came back, but not everything is as requested.";
  }
  if (label === "Failed") {
    const failed = trace.find((step) => displayStepStatus(step) === "failed");
    return failed
      ? `The flow did not complete: the step “${failed.title}” failed. The diagnosis says why and what to change.`
      : "The flow did not complete. The diagnosis says why and what to change.";
  }
  return FIXED_SENTENCES[label] ?? "";
}

function scopeClause(result: TestResultSummary): string {
  const scopes = result.scopes;
  if (!scopes || scopes.requested.length === 0) return ".";
  if (!scopes.grantedReported)
    return "; the provider did not list the granted scopes, which means the ones asked for (RFC 6749 §5.1).";
  if (scopes.missing.length > 0) return `, but the provider did not grant ${scopes.missing.join(", ")}.`;
  return " and the token has the scopes that were asked for.";
}
