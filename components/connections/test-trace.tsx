import { ChevronRight, CircleAlert, CircleCheck, CircleMinus, CircleX } from "lucide-react";
import { CopyButton } from "@/components/ui/copy-button";
import { formatDuration } from "@/components/connections/format-duration";
import { displayStepStatus } from "@/components/connections/trace-step-status";
import type { HttpExchange, TraceStep } from "@/lib/oauth/trace";
import { curlForExchange } from "@/lib/oauth/trace-curl";

const STATUS_ICONS = {
  ok: { Icon: CircleCheck, className: "text-success", label: "OK" },
  warning: { Icon: CircleAlert, className: "text-warning", label: "Warning" },
  failed: { Icon: CircleX, className: "text-destructive", label: "Failed" },
  skipped: { Icon: CircleMinus, className: "text-muted-foreground", label: "Skipped" },
} as const;

/**
 * The redacted step-by-step trace with timings. Passed steps (a probe that got a token among them)
 * start collapsed behind a native disclosure, which opens from the keyboard (Tab, then Enter or
 * Space); a failed or warning step (a refused probe) starts open and marked.
 */
export function TestTrace({ steps }: { steps: TraceStep[] }) {
  if (steps.length === 0) return <p className="text-sm text-muted-foreground">No steps were recorded.</p>;
  return (
    <ol className="grid gap-2" aria-label="Trace">
      {steps.map((step, index) => {
        const status = displayStepStatus(step);
        const { Icon, className, label } = STATUS_ICONS[status];
        const hasBody = Object.keys(step.details).length > 0 || step.notes.length > 0 || step.http.length > 0;
        return (
          <li
            key={index}
            className={`rounded-md border ${status === "failed" ? "border-destructive/60 bg-destructive/5" : status === "warning" ? "border-warning/60" : ""}`}
            data-testid="trace-step"
            data-status={status}
          >
            <details open={status !== "ok" && status !== "skipped"} className="group">
              <summary className="flex cursor-pointer flex-wrap items-center gap-2 rounded-md p-3 marker:content-none focus-visible:outline-2 focus-visible:outline-ring">
                <ChevronRight
                  aria-hidden
                  className="size-4 shrink-0 text-muted-foreground transition-transform group-open:rotate-90"
                />
                <Icon aria-hidden className={`size-4 shrink-0 ${className}`} />
                <span className="sr-only">{label}:</span>
                <span className="min-w-0 font-medium wrap-anywhere" data-testid="trace-step-title">
                  {step.title}
                </span>
                <span className="ml-auto text-xs text-muted-foreground">
                  at +{formatDuration(step.startedAtMs)} · took {formatDuration(step.durationMs)}
                </span>
              </summary>
              {hasBody ? (
                <div className="px-3 pb-3">
                  {Object.keys(step.details).length > 0 ? <FactList facts={step.details} /> : null}
                  {step.notes.length > 0 ? (
                    <ul className="mt-2 list-disc pl-5 text-sm text-muted-foreground">
                      {step.notes.map((note, i) => (
                        <li key={i}>{note}</li>
                      ))}
                    </ul>
                  ) : null}
                  {step.http.map((exchange, i) => (
                    <HttpExchangeView key={i} exchange={exchange} />
                  ))}
                </div>
              ) : null}
            </details>
          </li>
        );
      })}
    </ol>
  );
}

function FactList({ facts }: { facts: Record<string, unknown> }) {
  return (
    <dl className="mt-2 grid grid-cols-1 gap-x-3 gap-y-1 text-sm sm:grid-cols-[minmax(8rem,max-content)_minmax(0,1fr)]">
      {Object.entries(facts).map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="text-muted-foreground">{key.replace(/_/g, " ")}</dt>
          <dd className="min-w-0 font-mono text-xs break-all">
            {value && typeof value === "object" && !Array.isArray(value) ? (
              <FactList facts={value as Record<string, unknown>} />
            ) : (
              formatValue(value)
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function HttpExchangeView({ exchange }: { exchange: HttpExchange }) {
  const summary = `${exchange.method} ${exchange.url} → ${exchange.status ?? "no response"}${exchange.contentType ? ` (${exchange.contentType})` : ""} · ${formatDuration(exchange.durationMs)}`;
  return (
    <details className="mt-2 rounded border bg-muted/40 px-3 py-2 text-sm">
      <summary className="cursor-pointer font-mono text-xs break-all">{summary}</summary>
      <div className="mt-2 grid gap-2">
        <div>
          <CopyButton value={curlForExchange(exchange)} label="Copy as cURL" />
        </div>
        {exchange.query ? <Section title="Query parameters" facts={exchange.query} /> : null}
        {Object.keys(exchange.requestHeaders).length > 0 ? (
          <Section title="Request headers" facts={exchange.requestHeaders} />
        ) : null}
        {exchange.requestBody ? <Section title="Request body" facts={exchange.requestBody} /> : null}
        {exchange.responseHeaders && Object.keys(exchange.responseHeaders).length > 0 ? (
          <Section title="Response headers" facts={exchange.responseHeaders} />
        ) : null}
        {exchange.responseBody ? (
          <Section title="Response body (selected fields)" facts={exchange.responseBody} />
        ) : null}
        {exchange.responseDescription ? (
          <p className="text-xs text-muted-foreground">Response body: {exchange.responseDescription}</p>
        ) : null}
        {exchange.error ? <p className="text-xs text-destructive">Error: {exchange.error}</p> : null}
      </div>
    </details>
  );
}

function Section({ title, facts }: { title: string; facts: Record<string, unknown> }) {
  return (
    <div>
      <p className="text-xs font-medium">{title}</p>
      <FactList facts={facts} />
    </div>
  );
}

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
