import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FactList, type Fact } from "@/components/ui/fact-list";
import type { BindingShownBy, TestResultSummary } from "@/lib/connection-tests/test-result";

// An opaque token shows its binding only to the provider's introspection endpoint (RFC 9449 §6.2, RFC 8705 §3.2).
const shownByIntrospection = (binding: { shownBy?: BindingShownBy }) =>
  binding.shownBy === "introspection" ? " (shown by introspection)" : "";

/** The DPoP binding, the certificate binding (mTLS), the API check, introspection and revocation of a test's token. */
export function TokenChecksCard({ result }: { result: TestResultSummary }) {
  const { apiCheck, introspection, revocation, certificateBinding, dpopBinding } = result;
  if (!apiCheck && !introspection && !revocation && !certificateBinding && !dpopBinding) return null;
  const facts: Fact[] = [];
  if (dpopBinding) {
    // RFC 9449 §6.1: a DPoP-bound token carries the key's JWK thumbprint as cnf.jkt.
    facts.push(["DPoP key", `${dpopBinding.alg} · jkt ${dpopBinding.jkt}`]);
    facts.push([
      "DPoP binding",
      !dpopBinding.matches
        ? `Not bound to this key (token type ${dpopBinding.tokenType}${dpopBinding.tokenJkt ? `, cnf.jkt ${dpopBinding.tokenJkt}` : ""})`
        : dpopBinding.tokenJkt
          ? `Bound: token type ${dpopBinding.tokenType}, cnf.jkt matches the DPoP key${shownByIntrospection(dpopBinding)}`
          : `Bound: token type ${dpopBinding.tokenType} (the token does not show cnf.jkt)`,
    ]);
  }
  if (certificateBinding) {
    // RFC 8705 §3.1: a bound token carries the certificate's SHA-256 thumbprint as cnf.x5t#S256.
    facts.push([
      "Certificate binding",
      certificateBinding.matches
        ? `cnf.x5t#S256 matches the client certificate (${certificateBinding.thumbprint})${shownByIntrospection(certificateBinding)}`
        : certificateBinding.tokenThumbprint
          ? `cnf.x5t#S256 is ${certificateBinding.tokenThumbprint}, not the client certificate's ${certificateBinding.thumbprint}`
          : "The token does not show a cnf.x5t#S256 binding (opaque or unbound token)",
    ]);
  }
  if (apiCheck) {
    facts.push(["API check", `${apiCheck.method} ${apiCheck.url}`]);
    facts.push([
      "API status",
      `${apiCheck.status ?? "no response"} (expected ${apiCheck.expectedStatus}) · ${apiCheck.durationMs} ms · ${apiCheck.ok ? "the token works at the API" : "failed"}`,
    ]);
    for (const [name, value] of Object.entries(apiCheck.headers)) facts.push([`API header ${name}`, value]);
  }
  if (introspection) {
    facts.push(["Introspection", introspection.active ? "active" : "not active"]);
    facts.push(["Introspected scope", introspection.scope ?? "not reported"]);
  }
  if (revocation) facts.push(["Revoked", revocation.revoked.length ? revocation.revoked.join(", ") : "nothing"]);
  return (
    <Card aria-labelledby="token-checks-title">
      <CardHeader>
        <CardTitle id="token-checks-title">Token checks</CardTitle>
        <CardDescription>What the token does beyond the token endpoint.</CardDescription>
      </CardHeader>
      <CardContent>
        <FactList facts={facts} valueClassName="break-all" />
      </CardContent>
    </Card>
  );
}
