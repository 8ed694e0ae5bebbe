import type { ReactNode } from "react";
import { Table, TableBody, TableHead, TableHeader, TableRow } from "@/components/ui/table";

/** A column heading; `srOnly` for a column of controls that needs a name but no visible heading. */
export type DataTableColumn = string | { label: string; className?: string; srOnly?: boolean };

/** A table named for assistive technology, with one header row; the body rows are the children. */
export function DataTable({
  label,
  columns,
  children,
}: {
  label: string;
  columns: readonly DataTableColumn[];
  children: ReactNode;
}) {
  return (
    <Table aria-label={label}>
      <TableHeader>
        <TableRow>
          {columns.map((column) => {
            const { label: heading, className, srOnly } = typeof column === "string" ? { label: column } : column;
            return (
              <TableHead key={heading} className={className}>
                {srOnly ? <span className="sr-only">{heading}</span> : heading}
              </TableHead>
            );
          })}
        </TableRow>
      </TableHeader>
      <TableBody>{children}</TableBody>
    </Table>
  );
}
