/**
 * Hash chain of the audit trail: each event's hash is HMAC-SHA256(key, prevHash || canonical content),
 * keyed by a secret kept outside the database, so someone with only database access cannot rewrite
 * history and recompute the chain.
 */
import crypto from "node:crypto";
import type { AuditEvent } from "@/lib/db/generated/client";

export const GENESIS_HASH = "0".repeat(64);

/** Every column of an audit event except the chain's own two. */
export type ChainedContent = Omit<AuditEvent, "prevHash" | "hash">;

/** Stable serialisation: fixed field order, dates as ISO strings. */
export function canonicalContent(c: ChainedContent): string {
  return JSON.stringify([
    c.seq,
    c.createdAt.toISOString(),
    c.actorId,
    c.actorEmail,
    c.actorRole,
    c.ip,
    c.userAgent,
    c.action,
    c.targetType,
    c.targetId,
    c.targetName,
    c.connectionId,
    c.details,
  ]);
}

export function computeEventHash(key: Buffer, prevHash: string, content: ChainedContent): string {
  return hashCanonicalContent(key, prevHash, canonicalContent(content));
}

/** The hash of content already in its canonical form (as the database renders it for Verify). */
export function hashCanonicalContent(key: Buffer, prevHash: string, canonical: string): string {
  return hashSignedText(key, signedTextOf(prevHash, canonical));
}

/** An event's hash from its signed text (signedTextOf), or from that text's UTF-8 bytes. */
export function hashSignedText(key: Buffer, signedText: string | Uint8Array): string {
  return crypto.createHmac("sha256", key).update(signedText).digest("hex");
}

/** What an event's HMAC signs: the link to its predecessor, then its content. */
export function signedTextOf(prevHash: string, canonical: string): string {
  return `${prevHash}\n${canonical}`;
}
