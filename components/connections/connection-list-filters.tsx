"use client";

import * as React from "react";
import Link from "next/link";
import { Search, SlidersHorizontal } from "lucide-react";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils";
import { GRANT_TYPE_LABELS, GRANT_TYPES } from "@/lib/oauth/connection-options";
import { PROVIDER_PRESETS } from "@/lib/oauth/provider-presets";
import {
  defaultDirection,
  SORT_KEYS,
  SORT_LABELS,
  STATUS_FILTER_LABELS,
  STATUS_FILTERS,
  type ConnectionListQuery,
} from "@/lib/connections/list-connections";

/**
 * Search, filters and sort as a plain GET form: works without JavaScript, and the URL can be
 * shared. With JavaScript a changed select applies at once; on a phone the selects fold into a
 * "Filters" panel so the list starts on the first screen.
 */
export function ConnectionListFilters({ query }: { query: ConnectionListQuery }) {
  const activeCount = [query.grant, query.provider, query.status].filter(Boolean).length;
  const active = Boolean(query.q) || activeCount > 0;
  const [open, setOpen] = React.useState(false);
  const applyNow = (event: React.ChangeEvent<HTMLSelectElement>) => event.currentTarget.form?.requestSubmit();

  return (
    <form method="get" action="/connections" role="search" aria-label="Filter connections" className="mb-4 grid gap-3 rounded-lg border bg-card p-3 sm:p-4">
      <div className="flex items-end gap-2">
        <div className="grid min-w-0 flex-1 gap-1.5">
          <Label htmlFor="filter-q">Search by name</Label>
          <Input id="filter-q" name="q" type="search" defaultValue={query.q ?? ""} maxLength={100} placeholder="Name contains…" />
        </div>
        <Button type="submit" variant="outline" aria-label="Search">
          <Search aria-hidden />
          <span className="hidden sm:inline">Search</span>
        </Button>
        <Button type="button" variant="outline" className="md:hidden" aria-expanded={open} aria-controls="connection-filters" onClick={() => setOpen((o) => !o)}>
          <SlidersHorizontal aria-hidden />
          Filters{activeCount ? ` (${activeCount})` : ""}
        </Button>
      </div>
      <div id="connection-filters" className={cn("gap-3 sm:grid-cols-2 md:grid md:grid-cols-[1fr_1fr_1fr_minmax(12rem,1.3fr)_auto]", open ? "grid" : "hidden")}>
        <div className="grid gap-1.5">
          <Label htmlFor="filter-grant">Grant type</Label>
          <NativeSelect id="filter-grant" name="grant" defaultValue={query.grant ?? ""} onChange={applyNow}>
            <option value="">Any</option>
            {GRANT_TYPES.map((g) => (
              <option key={g} value={g}>
                {GRANT_TYPE_LABELS[g]}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="filter-provider">Provider type</Label>
          <NativeSelect id="filter-provider" name="provider" defaultValue={query.provider ?? ""} onChange={applyNow}>
            <option value="">Any</option>
            {PROVIDER_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="filter-status">Status</Label>
          <NativeSelect id="filter-status" name="status" defaultValue={query.status ?? ""} onChange={applyNow}>
            <option value="">Any</option>
            {STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {STATUS_FILTER_LABELS[s]}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="filter-sort">Sort by</Label>
          <NativeSelect id="filter-sort" name="sort" defaultValue={`${query.sort}:${query.dir ?? defaultDirection(query.sort)}`} onChange={applyNow}>
            {SORT_KEYS.flatMap((key) =>
              (["desc", "asc"] as const).map((dir) => (
                <option key={`${key}:${dir}`} value={`${key}:${dir}`}>
                  {SORT_LABELS[key]} {key === "name" ? (dir === "asc" ? "(A–Z)" : "(Z–A)") : dir === "desc" ? "(newest)" : "(oldest)"}
                </option>
              )),
            )}
          </NativeSelect>
        </div>
        <div className="flex items-end">
          {active ? (
            <Link href="/connections" className={buttonVariants({ variant: "ghost" })}>
              Clear
            </Link>
          ) : null}
        </div>
      </div>
    </form>
  );
}
