import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyableCode } from "@/components/ui/copyable-code";
import { ClientCertificateFacts } from "@/components/connections/client-certificate-facts";
import { getConfig } from "@/lib/config/env";
import type { ClientCertificateSummary } from "@/lib/schemas/client-certificate";

/**
 * The connection's mTLS client certificate (RFC 8705) on its page: subject, issuer, thumbprint and
 * expiry, the PEM to register, and for a self-signed one the JWKS URL that publishes it (x5c).
 */
export function ClientCertificateCard({
  connectionId,
  certificate,
  selfSignedMethod,
}: {
  connectionId: string;
  certificate: ClientCertificateSummary | null;
  selfSignedMethod: boolean;
}) {
  const jwksUrl = `${getConfig().appUrl}/api/v1/connections/${connectionId}/jwks.json`;
  return (
    <Card aria-labelledby="client-certificate-heading" className="min-w-0">
      <CardHeader>
        <CardTitle id="client-certificate-heading">Client certificate</CardTitle>
        <CardDescription>
          {selfSignedMethod
            ? "Register this certificate at the provider (upload it, or give it the JWKS URL)."
            : "The provider must trust its issuer and have its subject registered for this client."}{" "}
          The private key never leaves the server.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {certificate ? (
          <>
            <ClientCertificateFacts certificate={certificate} />
            {selfSignedMethod ? (
              <div className="grid gap-1.5">
                <h3 className="text-sm font-medium">JWKS URL</h3>
                <CopyableCode value={jwksUrl} copyLabel="Copy JWKS URL" testId="certificate-jwks-url" />
              </div>
            ) : null}
          </>
        ) : (
          <p className="text-sm text-muted-foreground">
            No certificate yet: generate or upload one on the Client step of the edit form.
          </p>
        )}
      </CardContent>
    </Card>
  );
}
