/** A small closed-loop HTTP load generator for the benchmarks: N workers, keep-alive, for S seconds. */
import { performance } from "node:perf_hooks";
import { request, type Agent } from "undici";

export type LoadResult = { rps: number; p50: number; p99: number; count: number; errors: number };

/** `url` is one address, or a function giving the address of each request (requests spread over many). */
export async function loadTest(
  agent: Agent,
  url: string | (() => string),
  headers: Record<string, string>,
  seconds: number,
  concurrency: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError = "";
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const target = typeof url === "string" ? url : url();
        const response = await request(target, { headers, dispatcher: agent });
        if (response.statusCode !== 200 && errors++ === 0) firstError = `${target}: ${await response.body.text()}`;
        else await response.body.dump();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  if (errors > 0) throw new Error(`${errors} of ${sorted.length} requests failed; the first, ${firstError}`);
  return { rps: sorted.length / elapsed, p50: at(50), p99: at(99), count: sorted.length, errors };
}

export async function waitForHealthy(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not become healthy`);
}
