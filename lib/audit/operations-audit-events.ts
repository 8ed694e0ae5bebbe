/** Audit event kinds of operations: API keys, encryption keys, the trail itself, test history, notification channels. */
import { z } from "zod";
import { API_PERMISSIONS } from "@/lib/api-keys/permissions";
import { auditEvent, details, diff } from "@/lib/audit/audit-details";

/** The record retention pruning writes; verification reads where the chain starts from it (lib/audit/chain-start.ts). */
export const prunedDetails = details({
  retentionDays: z.number(),
  cutoff: z.string(),
  deletedCount: z.number().int(),
  deletedThroughSeq: z.number().int(),
  chainStart: z.strictObject({ seq: z.number().int(), prevHash: z.string() }),
  /** Absent in records written before chains had an identity. */
  chainId: z.string().optional(),
});

/** A notification channel as audited: where it sends (host only: a webhook URL can be its credential) and what. */
const channelDetails = details({
  kind: z.enum(["WEBHOOK", "EMAIL"]),
  destination: z.string(),
  eventTypes: z.array(z.string()),
  connections: z.union([z.literal("all"), z.array(z.string())]),
});

export const OPERATIONS_AUDIT_EVENTS = {
  "api_key.created": auditEvent(
    "API key created",
    details({
      prefix: z.string(),
      connections: z.union([z.literal("all"), z.array(z.string())]),
      userAccess: z.enum(["SHARED_ONLY", "CHOSEN_USERS", "ALL_USERS"]),
      users: z.array(z.string()),
      expiresAt: z.string().nullable(),
      rateLimitPerMinute: z.number().int().nullable(),
      permissions: z.array(z.enum(API_PERMISSIONS)).optional(),
    }),
  ),
  "api_key.permissions_changed": auditEvent(
    "API key permissions changed",
    details({ prefix: z.string(), from: z.array(z.enum(API_PERMISSIONS)), to: z.array(z.enum(API_PERMISSIONS)) }),
  ),
  "api_key.revoked": auditEvent("API key revoked", details({ prefix: z.string() })),
  "keys.rotated": auditEvent(
    "Encryption key rotated",
    details({ activeKeyId: z.string(), reencrypted: z.number().int() }),
  ),
  "audit.exported": auditEvent(
    "Audit exported",
    details({ format: z.enum(["csv", "jsonl"]), filter: z.record(z.string(), z.string()) }),
  ),
  "audit.pruned": auditEvent("Audit pruned", prunedDetails),
  "test_runs.pruned": auditEvent(
    "Test history pruned",
    details({ retentionDays: z.number().int(), cutoff: z.string(), deletedCount: z.number().int() }),
  ),
  "notification_channel.created": auditEvent("Notification channel created", channelDetails),
  "notification_channel.updated": auditEvent("Notification channel changed", details({ diff })),
  "notification_channel.deleted": auditEvent("Notification channel deleted", channelDetails),
};
