/**
 * The skeleton every connection test follows: the connection's settings, a trace whose recording
 * fetch carries every request, the flow's steps, and on a failure the diagnosis of the step that
 * failed (improved by probes when the flow can repeat its token request). Recording the run stays
 * with each flow: a test that sends the browser to the provider records it only when it fails.
 */
import type { Connection } from "@/lib/db/generated/client";
import { guardedFetch, type GuardedFetch } from "@/lib/net/guarded-fetch";
import type { ClientSetup } from "@/lib/oauth/client-config";
import { TraceRecorder, type TraceStep } from "@/lib/oauth/trace";
import {
  configuredParameterNames,
  readConnectionSettings,
  type ConnectionSettings,
} from "@/lib/connections/connection-settings";
import { diagnoseError } from "@/lib/diagnosis/diagnose-error";
import type { Diagnosis, DiagnosisContext, DiagnosisStage } from "@/lib/diagnosis/diagnosis";
import { diagnosisContextFor, failedStage } from "@/lib/diagnosis/diagnosis-context";
import { shouldProbe } from "@/lib/connection-tests/probes/run-token-probes";
import type { TestResultSummary } from "@/lib/connection-tests/test-result";

export type TestRun = {
  connection: Connection;
  settings: ConnectionSettings;
  trace: TraceRecorder;
  /** The guarded fetch, recorded into the trace. */
  fetch: GuardedFetch;
  result: TestResultSummary;
  /** Set by the flow once the client configuration is built; the diagnosis reads its metadata. */
  setup?: ClientSetup;
};

export function openTestRun(
  connection: Connection,
  options: { startedAt: Date; result: TestResultSummary; steps?: TraceStep[]; fetch?: GuardedFetch },
): TestRun {
  const settings = readConnectionSettings(connection);
  const trace = new TraceRecorder({
    startedAt: options.startedAt,
    steps: options.steps,
    visibleParameters: configuredParameterNames(settings),
  });
  return {
    connection,
    settings,
    trace,
    fetch: trace.recordingFetch(options.fetch ?? guardedFetch),
    result: options.result,
  };
}

type StepsOutcome<T> = { ok: true; value: T } | { ok: false; diagnosis: Diagnosis };

/**
 * Runs the flow's steps. A throw is diagnosed at the stage of the last step recorded (or
 * `fallbackStage` before any step); a refused token request is then probed when the flow offers
 * `probe` and the refusal is one probes can explain.
 */
export async function runTestSteps<T>(
  run: TestRun,
  steps: (run: TestRun) => Promise<T>,
  options: {
    fallbackStage?: DiagnosisStage;
    probe?: (diagnosis: Diagnosis, context: DiagnosisContext, setup: ClientSetup) => Promise<Diagnosis>;
  } = {},
): Promise<StepsOutcome<T>> {
  try {
    return { ok: true, value: await steps(run) };
  } catch (error) {
    const context = diagnosisContextFor(
      run.connection,
      run.settings,
      failedStage(run.trace, options.fallbackStage),
      run.setup,
    );
    const diagnosis = await diagnoseError(error, context);
    if (options.probe && context.stage === "token" && shouldProbe(diagnosis, run.setup)) {
      return { ok: false, diagnosis: await options.probe(diagnosis, context, run.setup) };
    }
    return { ok: false, diagnosis: withOneClickFix(diagnosis, run.connection) };
  }
}

/** A diagnosis whose fix is one known edit of the connection offers it as a button (apply-test-fix.ts). */
function withOneClickFix(diagnosis: Diagnosis, connection: Connection): Diagnosis {
  if (diagnosis.code === "pkce_required" && connection.grantType === "authorization_code") {
    const change = { grantType: "authorization_code_pkce" } as const;
    return {
      ...diagnosis,
      suggestion: { action: "switch to Authorization Code with PKCE", change, connectionVersion: connection.version },
    };
  }
  return diagnosis;
}
