import { CopyableCode } from "@/components/ui/copyable-code";
import type { ClientCertificateSummary } from "@/lib/schemas/client-certificate";

/**
 * A stored mTLS client certificate as an admin registers it: subject, issuer, thumbprint
 * (x5t#S256), expiry, and the certificate PEM to copy or download. Never the key.
 */
export function ClientCertificateFacts({ certificate }: { certificate: ClientCertificateSummary }) {
  const download = `data:application/x-pem-file;charset=utf-8,${encodeURIComponent(certificate.pem)}`;
  return (
    <div className="grid gap-3 text-sm" aria-live="polite">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        <dt className="text-muted-foreground">Subject</dt>
        <dd data-testid="client-certificate-subject">{certificate.subject}</dd>
        <dt className="text-muted-foreground">Issuer</dt>
        <dd>
          {certificate.issuer}
          {certificate.selfSigned ? " (self-signed)" : ""}
        </dd>
        <dt className="text-muted-foreground">Thumbprint (x5t#S256)</dt>
        <dd className="font-mono break-all" data-testid="client-certificate-thumbprint">
          {certificate.thumbprint}
        </dd>
        <dt className="text-muted-foreground">Expires</dt>
        <dd>{certificate.notAfter.slice(0, 10)}</dd>
      </dl>
      <CopyableCode
        value={certificate.pem}
        copyLabel="Copy certificate"
        testId="client-certificate-pem"
        codeClassName="max-h-40 overflow-auto whitespace-pre text-xs"
      />
      <a className="underline" href={download} download="client-certificate.pem">
        Download certificate (PEM)
      </a>
    </div>
  );
}
