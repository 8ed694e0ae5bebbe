/**
 * Counters this process keeps (Prometheus counters are per instance; sum them across replicas):
 * token API requests and their latency, token refreshes, finished tests. One registry per process
 * on globalThis (lib/tokens/process-state.ts): the route that serves /metrics and the code that
 * counts are bundled separately, each with its own copy of this module.
 */
import { Counter, Histogram, Registry } from "prom-client";
import { processState } from "@/lib/tokens/process-state";

type ProcessMetrics = {
  registry: Registry;
  tokenRequests: Counter<"status">;
  tokenRequestSeconds: Histogram<"status">;
  refreshes: Counter<"outcome" | "trigger">;
  tests: Counter<"grant_type" | "outcome" | "stage">;
};

function createProcessMetrics(): ProcessMetrics {
  const registry = new Registry();
  return {
    registry,
    tokenRequests: new Counter({
      name: "handshake_token_api_requests_total",
      help: "Token API requests by HTTP status.",
      labelNames: ["status"],
      registers: [registry],
    }),
    tokenRequestSeconds: new Histogram({
      name: "handshake_token_api_request_duration_seconds",
      help: "Token API request latency by HTTP status.",
      labelNames: ["status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    refreshes: new Counter({
      name: "handshake_token_refreshes_total",
      help: "Token refreshes by outcome (refreshed, needs_reauthorization, cooling_down) and trigger (api, background).",
      labelNames: ["outcome", "trigger"],
      registers: [registry],
    }),
    tests: new Counter({
      name: "handshake_connection_tests_total",
      help: "Finished connection tests by grant type, outcome and the stage that failed (none when passed).",
      labelNames: ["grant_type", "outcome", "stage"],
      registers: [registry],
    }),
  };
}

export function processMetrics(): ProcessMetrics {
  return processState("metrics-registry", createProcessMetrics);
}

/** Times a token API request and counts its status. */
export async function observeTokenRequest(serve: () => Promise<Response>): Promise<Response> {
  const started = performance.now();
  const response = await serve();
  const status = String(response.status);
  const metrics = processMetrics();
  metrics.tokenRequests.inc({ status });
  metrics.tokenRequestSeconds.observe({ status }, (performance.now() - started) / 1000);
  return response;
}

/** A finished test: its grant, outcome and the trace step that failed ("none" when none did). */
export function countFinishedTest(grantType: string, outcome: string, trace: { name: string; status: string }[]): void {
  const stage = trace.find((step) => step.status === "failed")?.name ?? "none";
  processMetrics().tests.inc({ grant_type: grantType, outcome, stage });
}
