/**
 * A stored client secret belongs to the token endpoint it was entered for. Editing a connection so
 * its token endpoint moves to another origin, or its issuer changes, drops the stored secret: the
 * admin enters it again, for the new place. Otherwise an admin session in the wrong hands could
 * point every connection at its own server and collect the secrets with the next test (a known
 * class of CVE in connection managers). The test engine checks the same origin before any request
 * (lib/oauth/client-config.ts).
 */
import { z } from "zod";
import type { Connection } from "@/lib/db/generated/client";
import { parseJsonColumn } from "@/lib/db/json-column";

export type BindingFields = Pick<Connection, "tokenUrl" | "issuer" | "discoveryMetadata">;

export function originOfUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const { origin } = new URL(url);
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
}

function discoveredTokenEndpoint(discoveryMetadata: string | null): string | null {
  return parseJsonColumn(discoveryMetadata, z.object({ token_endpoint: z.string() }))?.token_endpoint ?? null;
}

/** Where the secret goes: the token URL as entered, else the imported discovery document's, else the issuer's origin. */
export function secretOriginFor(fields: BindingFields): string | null {
  return (
    originOfUrl(fields.tokenUrl) ??
    originOfUrl(discoveredTokenEndpoint(fields.discoveryMetadata)) ??
    originOfUrl(fields.issuer)
  );
}

/** The origin a stored secret was entered for; rows sealed before this was recorded use their current token endpoint. */
export function boundSecretOrigin(connection: BindingFields & Pick<Connection, "clientSecretOrigin">): string | null {
  return connection.clientSecretOrigin ?? secretOriginFor(connection);
}

/** Why the stored secret cannot stay after this change, or null when it can. */
export function secretBindingChange(
  current: BindingFields & Pick<Connection, "clientSecretOrigin">,
  next: BindingFields,
): string | null {
  const from = boundSecretOrigin(current);
  const to = secretOriginFor(next);
  if (from !== to) {
    return `The token endpoint moved from ${from ?? "nowhere"} to ${to ?? "nowhere"}: enter the client secret again. A stored secret is only ever sent where it was entered for.`;
  }
  if ((current.issuer ?? null) !== (next.issuer ?? null)) {
    return `The issuer changed from ${current.issuer ?? "none"} to ${next.issuer ?? "none"}: enter the client secret again. A stored secret is only ever sent where it was entered for.`;
  }
  return null;
}
