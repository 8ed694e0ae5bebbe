import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ScopeComparison } from "@/lib/connection-tests/test-result";

/** The scopes a test requested and the ones the provider granted (RFC 6749 §3.3, §5.1). */
export function ScopesCard({ scopes }: { scopes: ScopeComparison }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Scopes</CardTitle>
        <CardDescription>
          {scopes.grantedReported
            ? "Granted by the provider, compared with the ones requested."
            : "The provider did not list the granted scopes, which means the requested ones (RFC 6749 §5.1)."}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        <ScopeRow
          label="Requested"
          scopes={scopes.requested}
          variantFor={(s) => (scopes.missing.includes(s) ? "destructive" : "default")}
        />
        <ScopeRow
          label="Granted"
          scopes={scopes.granted}
          variantFor={(s) => (scopes.extra.includes(s) ? "warning" : "success")}
        />
        {scopes.missing.length > 0 ? (
          <p className="text-destructive wrap-anywhere">Missing: {scopes.missing.join(", ")}</p>
        ) : null}
        {scopes.extra.length > 0 ? (
          <p className="text-warning wrap-anywhere">Extra, not requested: {scopes.extra.join(", ")}</p>
        ) : null}
      </CardContent>
    </Card>
  );
}

function ScopeRow({
  label,
  scopes,
  variantFor,
}: {
  label: string;
  scopes: string[];
  variantFor: (scope: string) => "default" | "success" | "warning" | "destructive";
}) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <span className="w-24 text-muted-foreground">{label}</span>
      {scopes.length === 0 ? <span className="text-muted-foreground">none</span> : null}
      {scopes.map((scope) => (
        <Badge key={scope} variant={variantFor(scope)} className="max-w-full wrap-anywhere whitespace-normal">
          {scope}
        </Badge>
      ))}
    </div>
  );
}
