import { FactList } from "@/components/ui/fact-list";
import { KeyCard } from "@/components/connections/detail/key-card";
import { JwksUrlBlock, PublicKeyBlocks } from "@/components/connections/detail/key-blocks";
import type { ClientPublicKey } from "@/lib/connections/connection-client-key";

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
  return (
    <KeyCard
      title="Public key"
      description="Register this key at the provider (upload it, or give it the JWKS URL). The private key never leaves the server."
      missing="No key yet: generate or import one on the Client step of the edit form."
    >
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
          <JwksUrlBlock connectionId={connectionId} testId="jwks-url" />
          <PublicKeyBlocks label="Public key" publicKey={publicKey} />
        </>
      ) : null}
    </KeyCard>
  );
}
