/**
 * The part of a provider's discovery document Handshake keeps: endpoints and the "supported"
 * lists the discovery lint compares a connection against. Bounded, so a huge or hostile document
 * cannot bloat the database or the page.
 * @see RFC 8414 §2; OpenID Connect Discovery 1.0 §3
 */
import { z } from "zod";

const text = z.string().max(2048);
const list = z.array(z.string().max(200)).max(100);

export const discoverySummarySchema = z.object({
  issuer: text.optional(),
  authorization_endpoint: text.optional(),
  token_endpoint: text.optional(),
  userinfo_endpoint: text.optional(),
  revocation_endpoint: text.optional(),
  jwks_uri: text.optional(),
  scopes_supported: list.optional(),
  response_types_supported: list.optional(),
  grant_types_supported: list.optional(),
  token_endpoint_auth_methods_supported: list.optional(),
  code_challenge_methods_supported: list.optional(),
  // RFC 9126 §5 and RFC 9101 §10.5: what the request security options and their lint read.
  pushed_authorization_request_endpoint: text.optional(),
  require_pushed_authorization_requests: z.boolean().optional(),
  require_signed_request_object: z.boolean().optional(),
  request_object_signing_alg_values_supported: list.optional(),
  // RFC 9449 §5.1: a provider that binds tokens to DPoP keys lists the proof algorithms it accepts.
  dpop_signing_alg_values_supported: list.optional(),
  /** Handshake's own record, not the document's: the same-origin redirects followed to reach it ("from → to (status)"). */
  followed_redirects: z.array(text).max(2).optional(),
});

export type DiscoverySummary = z.infer<typeof discoverySummarySchema>;

const SUMMARY_KEYS = Object.keys(discoverySummarySchema.shape) as (keyof DiscoverySummary)[];

/** Keeps the known fields of a metadata document, dropping any value of the wrong shape or size. */
export function summarizeDiscoveryMetadata(metadata: unknown): DiscoverySummary {
  if (!metadata || typeof metadata !== "object" || Array.isArray(metadata)) return {};
  const source = metadata as Record<string, unknown>;
  const summary: Record<string, unknown> = {};
  for (const key of SUMMARY_KEYS) {
    const parsed = discoverySummarySchema.shape[key].safeParse(source[key]);
    if (parsed.success && parsed.data !== undefined) summary[key] = parsed.data;
  }
  return summary as DiscoverySummary;
}

/** What an import keeps: the document's fields and the redirects the import followed, never a document's own claim of them. */
export function summarizeImportedDiscovery(
  metadata: unknown,
  redirects: readonly string[] | undefined,
): DiscoverySummary {
  const summary = summarizeDiscoveryMetadata(metadata);
  delete summary.followed_redirects;
  return redirects?.length ? { ...summary, followed_redirects: [...redirects] } : summary;
}

/** Parses the stored JSON text; an unreadable value counts as no metadata. */
export function parseStoredDiscovery(json: string | null): DiscoverySummary | null {
  if (!json) return null;
  try {
    return summarizeDiscoveryMetadata(JSON.parse(json));
  } catch {
    return null;
  }
}
