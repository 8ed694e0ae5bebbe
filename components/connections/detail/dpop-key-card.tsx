import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FactList } from "@/components/ui/fact-list";

/** The connection's DPoP key as the page shows it: its algorithm and thumbprint (jkt), never the key. */
export function DpopKeyCard({ dpopKey }: { dpopKey: { jkt: string; alg: string } }) {
  return (
    <Card aria-labelledby="dpop-key-heading">
      <CardHeader>
        <CardTitle id="dpop-key-heading">DPoP key</CardTitle>
        <CardDescription>
          Tokens are bound to this key (RFC 9449): the provider puts its thumbprint in the token&apos;s cnf.jkt. The
          private key stays in the console; bots get proofs from the token API.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <FactList
          testId="dpop-key"
          facts={[
            ["Algorithm", dpopKey.alg],
            ["Thumbprint (jkt)", <code key="jkt">{dpopKey.jkt}</code>],
          ]}
        />
      </CardContent>
    </Card>
  );
}
