"use client";

import * as React from "react";
import { SlidersHorizontal } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

/** On a phone the filters fold behind a "Filters" button, so the list starts on the first screen; from md up they are always shown. */
export function FilterPanel({
  activeCount,
  className,
  children,
}: {
  activeCount: number;
  className?: string;
  children: React.ReactNode;
}) {
  const [open, setOpen] = React.useState(false);
  return (
    <>
      <Button
        type="button"
        variant="outline"
        className="justify-self-start md:hidden"
        aria-expanded={open}
        aria-controls="connection-filters"
        onClick={() => setOpen((o) => !o)}
      >
        <SlidersHorizontal aria-hidden />
        Filters{activeCount ? ` (${activeCount})` : ""}
      </Button>
      <div id="connection-filters" className={cn(className, open ? "grid" : "hidden", "md:grid")}>
        {children}
      </div>
    </>
  );
}
