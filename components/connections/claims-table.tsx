import { DataTable } from "@/components/ui/data-table";
import { TableCell, TableRow } from "@/components/ui/table";

const TIME_CLAIMS = new Set(["exp", "iat", "nbf", "auth_time", "updated_at"]);

/** Claims as a two-column table; time claims also in UTC. Values are already redacted and capped. */
export function ClaimsTable({ claims, label }: { claims: Record<string, unknown>; label: string }) {
  const entries = Object.entries(claims);
  if (entries.length === 0) return <p className="text-sm text-muted-foreground">No claims.</p>;
  return (
    <DataTable label={label} columns={[{ label: "Claim", className: "w-48" }, "Value"]}>
      {entries.map(([name, value]) => (
        <TableRow key={name}>
          <TableCell className="font-mono text-xs">{name}</TableCell>
          <TableCell className="font-mono text-xs break-all">{formatClaim(name, value)}</TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}

function formatClaim(name: string, value: unknown): string {
  if (TIME_CLAIMS.has(name) && typeof value === "number")
    return `${value} (${new Date(value * 1000).toISOString().replace(".000Z", "Z")})`;
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
