import { FactList } from "@/components/ui/fact-list";
import { KeyCard } from "@/components/connections/detail/key-card";
import { PublicKeyBlocks } from "@/components/connections/detail/key-blocks";
import {
  NextKeyControls,
  PrepareNextKey,
  RetireOldKeyButton,
} from "@/components/connections/detail/key-rotation-controls";
import type { ClientKeyRotation } from "@/lib/connections/client-key-rotation";

/**
 * Rotation of the private_key_jwt key without downtime: the next key (published in the JWKS next
 * to the current one, with its public half to upload where providers need uploads), its test,
 * the switch, and the old key until it is retired. Auditors see it without the buttons.
 */
export function KeyRotationCard({
  connectionId,
  rotation,
  isAdmin,
}: {
  connectionId: string;
  rotation: ClientKeyRotation;
  isAdmin: boolean;
}) {
  const { next, retiring } = rotation;
  return (
    <KeyCard
      title="Key rotation"
      description="Prepare a new key, register it at the provider, test with it, then switch. Until then the current key keeps signing."
    >
      {retiring ? (
        <section aria-label="Old key" className="grid gap-2">
          <p className="text-sm">
            Old key <code>{retiring.kid}</code> stays in the JWKS until {retiring.retireAt.toISOString()} (UTC).
          </p>
          {isAdmin ? (
            <div>
              <RetireOldKeyButton connectionId={connectionId} />
            </div>
          ) : null}
        </section>
      ) : null}
      {next ? (
        <section aria-labelledby="next-key-heading" className="grid gap-4">
          <h3 id="next-key-heading" className="text-sm font-semibold">
            New key
          </h3>
          <FactList
            facts={[
              ["New key ID (kid)", <code key="kid">{next.kid}</code>],
              ["Algorithm", next.alg],
              ["Thumbprint (RFC 7638, SHA-256)", <code key="thumbprint">{next.thumbprint}</code>],
              [
                "Test with this key",
                next.tested ? "Passed: you can switch to it" : "Not passed yet: test with it before switching",
              ],
            ]}
          />
          <PublicKeyBlocks label="New public key" publicKey={next} idPrefix="next-key" />
          {isAdmin ? <NextKeyControls connectionId={connectionId} /> : null}
        </section>
      ) : isAdmin ? (
        <PrepareNextKey connectionId={connectionId} />
      ) : (
        <p className="text-sm text-muted-foreground">No new key prepared.</p>
      )}
    </KeyCard>
  );
}
