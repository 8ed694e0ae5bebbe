"use client";

import * as React from "react";
import { Check, Copy } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";

/** Copies a value the page shows; `compact` shows only the icon (the label stays the accessible name). */
export function CopyButton({
  value,
  label = "Copy",
  compact = false,
}: {
  value: string;
  label?: string;
  compact?: boolean;
}) {
  const [copied, setCopied] = React.useState(false);
  // A click on the server's HTML, before React attaches the handler, would copy nothing and say nothing.
  const hydrated = useHydrated();
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      toast.error("Copy failed: select the text and copy it by hand.");
    }
  }
  const icon = copied ? <Check aria-hidden /> : <Copy aria-hidden />;
  if (compact) {
    return (
      <Button
        variant="ghost"
        size="sm"
        className="size-7 shrink-0 p-0"
        onClick={copy}
        disabled={!hydrated}
        aria-label={label}
        title={copied ? "Copied" : label}
        data-copied={copied || undefined}
      >
        {icon}
      </Button>
    );
  }
  return (
    <Button
      variant="outline"
      size="sm"
      onClick={copy}
      disabled={!hydrated}
      aria-label={label}
      data-copied={copied || undefined}
    >
      {icon}
      {copied ? "Copied" : label}
    </Button>
  );
}
