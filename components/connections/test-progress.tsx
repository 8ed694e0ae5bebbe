"use client";

import { CircleAlert, CircleCheck, CircleX, LoaderCircle, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { LaunchProgress } from "@/components/connections/use-oauth-launcher";
import { TEST_CANCELLED_TITLE } from "@/lib/connection-tests/test-cancelled";

type Row = { title: string; state: "done" | "active" | "warning" | "failed" };

const ICONS = {
  done: <CircleCheck className="size-4 text-success" aria-hidden />,
  active: <LoaderCircle className="size-4 animate-spin text-muted-foreground" aria-hidden />,
  warning: <CircleAlert className="size-4 text-warning" aria-hidden />,
  failed: <CircleX className="size-4 text-destructive" aria-hidden />,
} as const;

const STATE_LABELS = { done: "done", active: "in progress", warning: "warning", failed: "failed" } as const;

function rowsOf(progress: LaunchProgress): Row[] {
  const recorded: Row[] = progress.steps.map((s) => ({
    title: s.title,
    state: s.status === "failed" ? "failed" : s.status === "warning" ? "warning" : "done",
  }));
  switch (progress.phase) {
    case "starting":
      return [{ title: "Starting the test at the provider", state: "active" }];
    case "signing-in":
      return [...recorded, { title: "Sign in and consent at the provider, in the popup window", state: "active" }];
    case "finishing":
      return [...recorded, { title: "Opening the result", state: "active" }];
    default:
      return recorded;
  }
}

/** The steps of a running test as they happen, and a clear message when the sign-in window was closed. */
export function TestProgress({ progress, onDismiss }: { progress: LaunchProgress; onDismiss: () => void }) {
  if (progress.phase === "idle") return null;
  if (progress.phase === "cancelled") {
    return (
      <div
        role="alert"
        className="flex items-start gap-2 rounded-md border border-warning/40 bg-card p-3 text-sm shadow-md"
        data-testid="test-progress"
      >
        <CircleAlert className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden />
        <div className="grid flex-1 gap-1">
          <p className="font-medium">{TEST_CANCELLED_TITLE}</p>
          <p className="text-muted-foreground">Start the test again and finish signing in at the provider.</p>
        </div>
        <Button variant="ghost" size="icon" className="size-7" aria-label="Dismiss" onClick={onDismiss}>
          <X aria-hidden />
        </Button>
      </div>
    );
  }
  return (
    <div
      role="status"
      aria-label="Test progress"
      className="rounded-md border bg-card p-3 text-sm shadow-md"
      data-testid="test-progress"
    >
      <ol className="grid gap-1.5">
        {rowsOf(progress).map((row, i) => (
          <li key={`${row.title}-${i}`} className="flex items-start gap-2" data-testid="test-progress-step">
            <span className="mt-0.5 shrink-0">{ICONS[row.state]}</span>
            <span className="sr-only">{STATE_LABELS[row.state]}:</span>
            <span className={row.state === "active" ? "font-medium" : "text-muted-foreground"}>{row.title}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
