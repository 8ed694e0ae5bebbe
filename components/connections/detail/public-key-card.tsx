import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { CopyableCode } from "@/components/ui/copyable-code";
import { FactList } from "@/components/ui/fact-list";
import { getConfig } from "@/lib/config/env";
import type { ClientPublicKey } from "@/lib/connections/connection-client-key";

function DownloadLink({ value, fileName, type }: { value: string; fileName: string; type: string }) {
  return (
    <a
      href={`data:${type};charset=utf-8,${encodeURIComponent(value)}`}
      download={fileName}
      className="text-sm underline"
    >
      Download {fileName}
    </a>
  );
}

export function KeyBlock({
  label,
  value,
  fileName,
  type,
  idPrefix = "public-key",
}: {
  label: string;
  value: string;
  fileName: string;
  type: string;
  idPrefix?: string;
}) {
  const id = `${idPrefix}-${type.includes("json") ? "jwk" : "pem"}`;
  return (
    <div className="grid gap-1.5">
      <h3 id={id} className="text-sm font-medium">
        {label}
      </h3>
      <pre aria-labelledby={id} className="whitespace-pre-wrap break-all rounded bg-muted px-3 py-2 font-mono text-xs">
        {value}
      </pre>
      <div className="flex flex-wrap items-center gap-3">
        <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} />
        <DownloadLink value={value} fileName={fileName} type={type} />
      </div>
    </div>
  );
}

/**
 * The public half of the connection's private_key_jwt key, to register at the provider: as a JWK
 * and as PEM, its kid and RFC 7638 thumbprint, and the JWKS URL for providers that fetch keys.
 */
export function PublicKeyCard({
  connectionId,
  publicKey,
}: {
  connectionId: string;
  publicKey: ClientPublicKey | null;
}) {
  const jwksUrl = `${getConfig().appUrl}/api/v1/connections/${connectionId}/jwks.json`;
  return (
    <Card aria-labelledby="public-key-heading" className="min-w-0">
      <CardHeader>
        <CardTitle id="public-key-heading">Public key</CardTitle>
        <CardDescription>
          Register this key at the provider (upload it, or give it the JWKS URL). The private key never leaves the
          server.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {publicKey ? (
          <>
            <FactList
              facts={[
                ["Key ID (kid)", <code key="kid">{publicKey.kid}</code>],
                ["Algorithm", publicKey.alg],
                ["Thumbprint (RFC 7638, SHA-256)", <code key="thumbprint">{publicKey.thumbprint}</code>],
                ["Certificate", publicKey.certificate ? "Yes: its thumbprint is sent as x5t#S256" : "None"],
              ]}
            />
            <div className="grid gap-1.5">
              <h3 className="text-sm font-medium">JWKS URL</h3>
              <CopyableCode value={jwksUrl} copyLabel="Copy JWKS URL" testId="jwks-url" />
            </div>
            <KeyBlock
              label="Public key (JWK)"
              value={JSON.stringify(publicKey.jwk, null, 2)}
              fileName={`${publicKey.kid}.jwk.json`}
              type="application/json"
            />
            <KeyBlock
              label="Public key (PEM)"
              value={publicKey.pem.trim()}
              fileName={`${publicKey.kid}.pem`}
              type="application/x-pem-file"
            />
          </>
        ) : (
          <p className="text-sm text-muted-foreground">
            No key yet: generate or import one on the Client step of the edit form.
          </p>
        )}
      </CardContent>
    </Card>
  );
}
