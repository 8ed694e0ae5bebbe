import type { TraceStep } from "@/lib/oauth/trace";

/**
 * A step as the reader sees it. Runs recorded before the engine marked refused requests failed
 * kept them "ok"; any step whose HTTP exchange was refused (4xx/5xx or no response) reads as
 * failed, so a refused token request never carries a green check.
 */
export function displayStepStatus(step: TraceStep): TraceStep["status"] {
  if (step.status !== "ok") return step.status;
  return step.http.some((h) => h.error || (h.status !== null && h.status !== undefined && h.status >= 400))
    ? "failed"
    : "ok";
}
