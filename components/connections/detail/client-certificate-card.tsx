import { KeyCard } from "@/components/connections/detail/key-card";
import { ClientCertificateFacts } from "@/components/connections/client-certificate-facts";
import { JwksUrlBlock } from "@/components/connections/detail/key-blocks";
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
  return (
    <KeyCard
      title="Client certificate"
      description={
        <>
          {selfSignedMethod
            ? "Register this certificate at the provider (upload it, or give it the JWKS URL)."
            : "The provider must trust its issuer and have its subject registered for this client."}{" "}
          The private key never leaves the server.
        </>
      }
      missing="No certificate yet: generate or upload one on the Client step of the edit form."
    >
      {certificate ? (
        <>
          <ClientCertificateFacts certificate={certificate} />
          {selfSignedMethod ? <JwksUrlBlock connectionId={connectionId} testId="certificate-jwks-url" /> : null}
        </>
      ) : null}
    </KeyCard>
  );
}
