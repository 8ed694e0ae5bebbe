import { CopyButton } from "@/components/ui/copy-button";
import { CopyableCode } from "@/components/ui/copyable-code";
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

type PublicKeyText = Pick<ClientPublicKey, "kid" | "jwk" | "pem">;

/** How each form of a public key is shown and downloaded. */
const KEY_FORMATS = {
  jwk: {
    type: "application/json",
    extension: "jwk.json",
    text: (key: PublicKeyText) => JSON.stringify(key.jwk, null, 2),
  },
  pem: { type: "application/x-pem-file", extension: "pem", text: (key: PublicKeyText) => key.pem.trim() },
};

/** A public key to register at the provider, as a JWK and as PEM: each shown, copyable and downloadable. */
export function PublicKeyBlocks({
  label,
  publicKey,
  idPrefix = "public-key",
}: {
  /** "Public key", headed "Public key (JWK)" and "Public key (PEM)". */
  label: string;
  publicKey: PublicKeyText;
  idPrefix?: string;
}) {
  return Object.entries(KEY_FORMATS).map(([format, { type, extension, text }]) => {
    const id = `${idPrefix}-${format}`;
    const heading = `${label} (${format.toUpperCase()})`;
    const value = text(publicKey);
    return (
      <div key={format} className="grid gap-1.5">
        <h3 id={id} className="text-sm font-medium">
          {heading}
        </h3>
        <pre
          aria-labelledby={id}
          className="whitespace-pre-wrap break-all rounded bg-muted px-3 py-2 font-mono text-xs"
        >
          {value}
        </pre>
        <div className="flex flex-wrap items-center gap-3">
          <CopyButton value={value} label={`Copy ${heading.toLowerCase()}`} />
          <DownloadLink value={value} fileName={`${publicKey.kid}.${extension}`} type={type} />
        </div>
      </div>
    );
  });
}

/** The connection's JWKS URL (its public key and certificate as x5c), for providers that fetch keys. */
export function JwksUrlBlock({ connectionId, testId }: { connectionId: string; testId: string }) {
  const jwksUrl = `${getConfig().appUrl}/api/v1/connections/${connectionId}/jwks.json`;
  return (
    <div className="grid gap-1.5">
      <h3 className="text-sm font-medium">JWKS URL</h3>
      <CopyableCode value={jwksUrl} copyLabel="Copy JWKS URL" testId={testId} />
    </div>
  );
}
