import { metricsRefusal } from "@/lib/metrics/metrics-access";
import { collectMetrics } from "@/lib/metrics/collect-metrics";

export const dynamic = "force-dynamic";

/** Prometheus text format; guarded by a bearer token or client addresses, not a session. */
export async function GET(request: Request): Promise<Response> {
  const refusal = metricsRefusal(request);
  if (refusal) return refusal;
  const { contentType, text } = await collectMetrics();
  return new Response(text, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
