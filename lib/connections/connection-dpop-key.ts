/**
 * A connection's DPoP key pair (RFC 9449): generated on the server the first time "Sender-constrained
 * tokens (DPoP)" is on after a save (any path: wizard, edit, connections-as-code, REST API), sealed
 * like a secret and opened only by client-profile.ts; only its public JWK and thumbprint (jkt) are
 * ever shown or audited.
 */
import type { Connection } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/prisma";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { dpopAlgorithmFor, dpopThumbprintOf, generateDpopKey } from "@/lib/oauth/dpop";

/** Where the sealed key is bound (lib/crypto/secret-box.ts); client-profile.ts opens it. */
export const SEALED_DPOP_KEY = (recordId: string) => ({ recordId, field: "dpopKey" });

/** Generates and seals the key when DPoP is on and the connection has none yet. */
export async function ensureDpopKey(tx: Tx, row: Connection): Promise<Connection> {
  if (!row.useDpop || row.dpopKeyEncrypted) return row;
  const key = generateDpopKey(dpopAlgorithmFor(discoveredAlgorithms(row.discoveryMetadata)));
  return tx.connection.update({
    where: { id: row.id },
    data: {
      dpopKeyEncrypted: encryptSecret(JSON.stringify(key.privateJwk), SEALED_DPOP_KEY(row.id)),
      dpopPublicJwk: JSON.stringify(key.publicJwk),
    },
  });
}

/** What the connection page and the audit trail show of the key: its thumbprint and algorithm. */
export function dpopKeyFactsOf(
  row: Pick<Connection, "useDpop" | "dpopPublicJwk">,
): { jkt: string; alg: string } | null {
  if (!row.useDpop || !row.dpopPublicJwk) return null;
  const publicJwk = JSON.parse(row.dpopPublicJwk) as JsonWebKey & { alg?: string };
  return { jkt: dpopThumbprintOf(publicJwk), alg: publicJwk.alg ?? "ES256" };
}

function discoveredAlgorithms(json: string | null): unknown {
  if (!json) return undefined;
  try {
    return (JSON.parse(json) as Record<string, unknown>).dpop_signing_alg_values_supported;
  } catch {
    return undefined;
  }
}
