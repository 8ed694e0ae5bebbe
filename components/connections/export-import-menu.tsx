"use client";

import Link from "next/link";
import { FileDown, FileUp } from "lucide-react";
import { buttonVariants } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

/**
 * Export the listed connections (with the list's filters) as JSON or YAML, and for admins the way
 * to the Import page. The export route and the Import page check the role themselves.
 */
export function ExportImportMenu({ filterSearch, isAdmin }: { filterSearch: string; isAdmin: boolean }) {
  const href = (format: "json" | "yaml") =>
    `/api/connections/export?format=${format}${filterSearch ? `&${filterSearch}` : ""}`;
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger className={buttonVariants({ variant: "outline" })}>
          <FileDown aria-hidden />
          Export
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem asChild>
            <a href={href("json")} download>
              Export as JSON
            </a>
          </DropdownMenuItem>
          <DropdownMenuItem asChild>
            <a href={href("yaml")} download>
              Export as YAML
            </a>
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      {isAdmin ? (
        <Link href="/connections/import" className={buttonVariants({ variant: "outline" })}>
          <FileUp aria-hidden />
          Import
        </Link>
      ) : null}
    </>
  );
}
