import type { ReactNode } from "react";
import { Table, TableBody, TableHead, TableHeader, TableRow } from "@/components/ui/table";

/** A column heading; `srOnly` for a column of controls that needs a name but no visible heading. */
export type DataTableColumn = string | { label: string; className?: string; srOnly?: boolean };

const ACTIONS_COLUMN: DataTableColumn = { label: "Actions", srOnly: true };

/**
 * A table named for assistive technology, with one header row; the body rows are the children.
 * `actionsColumn` adds a last column for each row's buttons, named "Actions" but without a visible heading.
 */
export function DataTable({
  label,
  columns,
  actionsColumn = false,
  children,
}: {
  label: string;
  columns: readonly DataTableColumn[];
  actionsColumn?: boolean;
  children: ReactNode;
}) {
  const headings = actionsColumn ? [...columns, ACTIONS_COLUMN] : columns;
  return (
    <Table aria-label={label}>
      <TableHeader>
        <TableRow>
          {headings.map((column) => {
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
