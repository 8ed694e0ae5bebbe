import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { TableCell, TableRow } from "@/components/ui/table";
import type { ApiReference, ReferenceOperation } from "@/lib/tokens/openapi-reference";

/** The token API's OpenAPI document as a reference: each operation's parameters, responses and problem types, then the schemas. */
export function ApiReferenceView({ reference }: { reference: ApiReference }) {
  return (
    <div className="grid gap-6">
      <Card>
        <CardContent className="grid gap-2 pt-6 text-sm">
          <p>{reference.description}</p>
          <p>
            <span className="text-muted-foreground">Server: </span>
            <code className="font-mono text-xs">{reference.serverUrl}</code>
          </p>
          {reference.authentication.map((line) => (
            <p key={line}>
              <span className="text-muted-foreground">Authentication: </span>
              {line}
            </p>
          ))}
        </CardContent>
      </Card>
      {reference.operations.map((operation) => (
        <OperationCard key={operation.id} operation={operation} />
      ))}
      {reference.schemas.map((schema) => (
        <Card key={schema.name} aria-labelledby={`schema-${schema.name}`}>
          <CardHeader>
            <CardTitle id={`schema-${schema.name}`} className="font-mono">
              {schema.name}
            </CardTitle>
            {schema.description ? <CardDescription>{schema.description}</CardDescription> : null}
          </CardHeader>
          <CardContent>
            <DataTable label={`${schema.name} fields`} columns={["Field", "Type", "Required", "Description"]}>
              {schema.fields.map((field) => (
                <TableRow key={field.name}>
                  <TableCell className="font-mono text-xs">{field.name}</TableCell>
                  <TableCell>{field.type}</TableCell>
                  <TableCell>{field.required ? "Yes" : "No"}</TableCell>
                  <TableCell className="min-w-64 whitespace-normal">{field.description}</TableCell>
                </TableRow>
              ))}
            </DataTable>
          </CardContent>
        </Card>
      ))}
    </div>
  );
}

function OperationCard({ operation }: { operation: ReferenceOperation }) {
  const headingId = `operation-${operation.id}`;
  return (
    <Card aria-labelledby={headingId}>
      <CardHeader>
        <CardTitle id={headingId} className="flex flex-wrap items-center gap-2">
          <Badge>{operation.method}</Badge>
          <code className="font-mono text-sm wrap-anywhere">{operation.path}</code>
        </CardTitle>
        <CardDescription>{operation.summary}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <section className="grid gap-2">
          <h2 className="text-base font-semibold">Parameters</h2>
          <DataTable label="Parameters" columns={["Name", "In", "Required", "Type", "Description"]}>
            {operation.parameters.map((p) => (
              <TableRow key={`${p.location}-${p.name}`}>
                <TableCell className="font-mono text-xs">{p.name}</TableCell>
                <TableCell>{p.location}</TableCell>
                <TableCell>{p.required ? "Yes" : "No"}</TableCell>
                <TableCell>{p.type}</TableCell>
                <TableCell className="min-w-64 whitespace-normal">{p.description}</TableCell>
              </TableRow>
            ))}
          </DataTable>
        </section>
        <section className="grid gap-2">
          <h2 className="text-base font-semibold">Responses</h2>
          <DataTable label="Responses" columns={["Status", "Content type", "Body", "Headers", "Meaning"]}>
            {operation.responses.map((r) => {
              const problems = operation.problems.filter((p) => String(p.status) === r.status);
              return (
                <TableRow key={r.status}>
                  <TableCell className="tabular-nums">{r.status}</TableCell>
                  <TableCell className="font-mono text-xs">{r.contentType}</TableCell>
                  <TableCell className="font-mono text-xs">{r.schema}</TableCell>
                  <TableCell className="font-mono text-xs">{r.headers.map((h) => h.name).join(", ")}</TableCell>
                  <TableCell className="min-w-64 whitespace-normal">
                    {problems.length ? problems.map((p) => p.title).join("; ") : r.description}
                  </TableCell>
                </TableRow>
              );
            })}
          </DataTable>
          <dl className="grid gap-1 text-sm">
            {operation.responses.flatMap((r) =>
              r.headers.map((h) => (
                <div key={`${r.status}-${h.name}`}>
                  <dt className="inline font-mono text-xs">{h.name}</dt>{" "}
                  <dd className="inline text-muted-foreground">
                    ({r.status}): {h.description}
                  </dd>
                </div>
              )),
            )}
          </dl>
        </section>
        <section className="grid gap-2">
          <h2 className="text-base font-semibold">Problem types</h2>
          <p className="text-sm text-muted-foreground">
            Every error is an RFC 9457 problem (application/problem+json) whose type is one of these stable URIs.
          </p>
          <DataTable label="Problem types" columns={["Type", "Status", "Title"]}>
            {operation.problems.map((p) => (
              <TableRow key={p.type}>
                <TableCell className="font-mono text-xs wrap-anywhere">{p.type}</TableCell>
                <TableCell className="tabular-nums">{p.status}</TableCell>
                <TableCell className="whitespace-normal">{p.title}</TableCell>
              </TableRow>
            ))}
          </DataTable>
        </section>
      </CardContent>
    </Card>
  );
}
