import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { TokenReadsTable } from "@/components/api-keys/token-reads-table";
import { getConfig } from "@/lib/config/env";
import { listTokenReads } from "@/lib/api-keys/list-api-keys";
import { buildDpopProofCurl, buildTokenApiCurl } from "@/lib/api-keys/token-api-curl";

type ConnectionRef = { id: string; name: string; tokenSharing: string; grantType: string };

/** The token endpoint for integrators: a copyable curl example and the reads per key and hour. */
export async function TokenApiCard({ connection, dpop = false }: { connection: ConnectionRef; dpop?: boolean }) {
  const reads = await listTokenReads({ connectionId: connection.id });
  const perUser = connection.tokenSharing === "PER_USER" && connection.grantType !== "client_credentials";
  const curl = buildTokenApiCurl(getConfig().appUrl, connection.id, perUser);
  return (
    <Card aria-labelledby="token-api-heading" className="min-w-0">
      <CardHeader>
        <CardTitle id="token-api-heading">Token API</CardTitle>
        <CardDescription>
          Services get a fresh access token for this connection with an{" "}
          <Link href="/api-keys" className="underline">
            API key
          </Link>
          ; tokens close to expiry are refreshed first. The example uses the connection&apos;s id, which survives a
          rename. See the{" "}
          <Link href="/api-reference" className="underline">
            token API reference
          </Link>{" "}
          (
          <a href="/api/v1/openapi.json" className="underline">
            OpenAPI document
          </a>
          ).
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <CurlBlock curl={curl} copyLabel="Copy curl command" testId="token-api-curl" />
        {dpop ? <DpopProofExample curl={buildDpopProofCurl(getConfig().appUrl, connection.id)} /> : null}
        <TokenReadsTable rows={reads} by="key" />
      </CardContent>
    </Card>
  );
}

/** DPoP-bound tokens (RFC 9449) go with a proof per request, which the console signs for the bot. */
function DpopProofExample({ curl }: { curl: string }) {
  return (
    <div className="grid gap-1.5">
      <h3 id="dpop-proof-heading" className="text-sm font-medium">
        DPoP proof for one request
      </h3>
      <p className="text-xs text-muted-foreground">
        The token is DPoP-bound (token_type DPoP): send it as <code>Authorization: DPoP …</code> with a fresh proof in
        the <code>DPoP</code> header, from this route (htu is the API URL, without query; add the server&apos;s nonce
        when it asks for one).
      </p>
      <CurlBlock
        curl={curl}
        copyLabel="Copy DPoP proof curl command"
        testId="dpop-proof-curl"
        labelledBy="dpop-proof-heading"
      />
    </div>
  );
}

/** A curl command shown whole (wrapped, not scrolled) with its copy button. */
function CurlBlock({
  curl,
  copyLabel,
  testId,
  labelledBy,
}: {
  curl: string;
  copyLabel: string;
  testId: string;
  labelledBy?: string;
}) {
  return (
    <div className="flex flex-wrap items-start gap-2">
      <pre
        aria-labelledby={labelledBy}
        className="min-w-0 flex-1 basis-64 whitespace-pre-wrap break-all rounded bg-muted px-3 py-2 font-mono text-xs"
        data-testid={testId}
      >
        {curl}
      </pre>
      <CopyButton value={curl} label={copyLabel} />
    </div>
  );
}
