/**
 * Everything the token API needs to answer a request, in one query: the key (by hash), whether it
 * may read the connection, the connection (by id, or by name ignoring case), the named user
 * (whether the key may read their tokens, whether they are disabled), and the token set.
 * With Prisma's JavaScript query engine every model query costs milliseconds of CPU, so the hot
 * path (a cached token) makes this one query, straight on the driver adapter, and no write. Even a
 * raw query through the engine cost 210 µs of CPU against 85 µs on the adapter (#26: requests
 * spread over 10,000 connections are nearly all a first read). Concurrent requests share one query
 * that started after they arrived (lib/tokens/batch-reads.ts), so revocation still takes effect
 * for the very next request on every replica.
 */
import { runRawQuery } from "@/lib/db/raw-sql";
import { sqlWithRows } from "@/lib/db/sql-rows";
import type { SqlValue } from "@/lib/db/sql-statement";
import type { ApiKeyRow } from "@/lib/api-keys/authenticate-api-key";
import type { UserAccess } from "@/lib/schemas/api-key";
import { SHARED_OWNER } from "@/lib/tokens/token-store";
import { createReadBatcher } from "@/lib/tokens/batch-reads";
import { processState } from "@/lib/tokens/process-state";
import { connectionNameKey } from "@/lib/connections/name-key";
import { dpopKeyFactsOf } from "@/lib/connections/connection-dpop-key";

/** The connection fields that decide how a token is served; the refresh path loads the whole row. */
export type ConnectionView = {
  id: string;
  name: string;
  status: string;
  enabled: boolean;
  grantType: string;
  tokenSharing: string;
  refreshMarginSeconds: number;
  /** RFC 9449: the thumbprint of the connection's current DPoP key; null when DPoP is off. */
  dpopJkt: string | null;
};

/** The token set fields that serving a cached token reads. */
export type TokenSetView = {
  id: string;
  state: string;
  accessTokenEncrypted: string;
  tokenType: string;
  scope: string | null;
  expiresAt: Date | null;
  /** When the current token was issued (lib/tokens/refresh-policy.ts caps margins at half its lifetime). */
  obtainedAt: Date;
  refreshedAt: Date | null;
  coolDownUntil: Date | null;
  lastRefreshError: string | null;
  /** The DPoP key the set's tokens are bound to, if any. */
  dpopJkt: string | null;
};

export type TokenRequestRead = {
  key: ApiKeyRow | null;
  connection: ConnectionView | null;
  /** The key's grant for the connection (keys limited to chosen connections). */
  granted: boolean;
  /** The named user's id; null when no user was named or none has that email. */
  userId: string | null;
  /** A disabled user's token sets are suspended: never served. */
  userDisabled: boolean;
  /** The key's grant for the named user (keys limited to chosen users). */
  userGranted: boolean;
  tokenSet: TokenSetView | null;
};

/** One row of the query: the key's columns under their aliases, then the connection's and the token set's. */
type Row = Omit<ConnectionView, "id" | "name" | "dpopJkt"> &
  Omit<TokenSetView, "id"> & {
    /** The question's place in the batch, and how its connection matched (0 by id, 1 by name, 2 ignoring case). */
    question: number;
    rank: number;
    useDpop: boolean | number;
    dpopPublicJwk: string | null;
    keyId: string;
    keyName: string;
    displayPrefix: string;
    keyHash: string;
    allConnections: boolean;
    userAccess: UserAccess;
    rateLimitPerMinute: number;
    permissions: string;
    keyExpiresAt: Date | null;
    revokedAt: Date | null;
    connectionId: string | null;
    connectionName: string;
    grantedConnectionId: string | null;
    userId: string | null;
    userDisabled: boolean | number | null;
    grantedUserId: string | null;
    tokenSetId: string | null;
  };

/** Questions a read answers at most: batches are padded to a power of two up to it, so PostgreSQL keeps seven statements prepared. */
const MAX_BATCH = 64;

type Question = { keyHash: string; ref: string; email: string };

const batch = processState("token-request-reads", () => createReadBatcher(queryTokenRequests, MAX_BATCH));

export function readTokenRequest(question: {
  keyHash: string;
  connectionRef: string;
  userEmail?: string;
}): Promise<TokenRequestRead> {
  const email = question.userEmail?.toLowerCase() ?? "";
  return batch(JSON.stringify([question.keyHash, question.connectionRef, email]), {
    keyHash: question.keyHash,
    ref: question.connectionRef,
    email,
  });
}

async function queryTokenRequests(questions: Question[]): Promise<TokenRequestRead[]> {
  // Left joins from the key, so an unknown connection still tells the key's refusal apart. The
  // connection is found by id, by name ignoring case (the unique nameKey index) or, for a row from
  // before nameKey existed, by its exact name: three unique indexes, so both databases serve it from
  // an index. An id match wins, then the exact name. No user named: the email '' matches nobody
  // and the shared set is read. Padding rows have no key hash, which matches no key.
  let size = 1;
  while (size < questions.length) size *= 2;
  const rows = Array.from({ length: size }, (_, i): SqlValue[] => {
    const question = questions[i];
    return question
      ? [i, question.keyHash, question.ref, connectionNameKey(question.ref), question.email]
      : [i, "", "", "", ""];
  });
  const found = await runRawQuery<Row>(
    sqlWithRows(
      `WITH "q" ("question", "keyHash", "ref", "nameKey", "email") AS (VALUES `,
      rows,
      `)
    SELECT q."question", CASE WHEN c."id" = q."ref" THEN 0 WHEN c."name" = q."ref" THEN 1 ELSE 2 END AS "rank",
           k."id" AS "keyId", k."name" AS "keyName", k."displayPrefix", k."keyHash", k."allConnections", k."userAccess",
           k."rateLimitPerMinute", k."permissions", k."expiresAt" AS "keyExpiresAt", k."revokedAt",
           c."id" AS "connectionId", c."name" AS "connectionName", c."status", c."enabled", c."grantType",
           c."tokenSharing", c."refreshMarginSeconds", c."useDpop", c."dpopPublicJwk",
           g."connectionId" AS "grantedConnectionId",
           u."id" AS "userId", u."disabled" AS "userDisabled", ku."userId" AS "grantedUserId",
           t."id" AS "tokenSetId", t."state", t."accessTokenEncrypted", t."tokenType", t."scope", t."expiresAt",
           t."obtainedAt", t."refreshedAt", t."coolDownUntil", t."lastRefreshError", t."dpopJkt"
    FROM "q"
    JOIN "ApiKey" k ON k."keyHash" = q."keyHash"
    LEFT JOIN "Connection" c ON c."id" = q."ref" OR c."nameKey" = q."nameKey" OR c."name" = q."ref"
    LEFT JOIN "ApiKeyConnection" g ON g."apiKeyId" = k."id" AND g."connectionId" = c."id"
    LEFT JOIN "User" u ON u."email" = q."email"
    LEFT JOIN "ApiKeyUser" ku ON ku."apiKeyId" = k."id" AND ku."userId" = u."id"
    LEFT JOIN "TokenSet" t ON t."connectionId" = c."id" AND t."ownerKey" = COALESCE(u."id", '${SHARED_OWNER}')`,
      // Typed, so both databases answer the question's number as an integer.
      (column) => (column === 0 ? ["CAST(", " AS INTEGER)"] : ["", ""]),
    ),
    { prepared: true },
  );
  const best: Array<Row | undefined> = [];
  for (const row of found) {
    // SQLite may answer integers as decimal text.
    const question = Number(row.question);
    const current = best[question];
    if (!current || Number(row.rank) < Number(current.rank)) best[question] = row;
  }
  return questions.map((_, i) => readOf(best[i]));
}

function readOf(row: Row | undefined): TokenRequestRead {
  if (!row)
    return {
      key: null,
      connection: null,
      granted: false,
      userId: null,
      userDisabled: false,
      userGranted: false,
      tokenSet: null,
    };
  return {
    key: {
      id: row.keyId,
      name: row.keyName,
      displayPrefix: row.displayPrefix,
      keyHash: row.keyHash,
      allConnections: row.allConnections,
      userAccess: row.userAccess,
      rateLimitPerMinute: row.rateLimitPerMinute,
      permissions: row.permissions,
      expiresAt: row.keyExpiresAt,
      revokedAt: row.revokedAt,
    },
    connection: row.connectionId
      ? {
          id: row.connectionId,
          name: row.connectionName,
          status: row.status,
          enabled: row.enabled,
          grantType: row.grantType,
          tokenSharing: row.tokenSharing,
          refreshMarginSeconds: row.refreshMarginSeconds,
          // SQLite answers booleans as 0/1 in raw queries.
          dpopJkt: dpopKeyFactsOf({ useDpop: Boolean(row.useDpop), dpopPublicJwk: row.dpopPublicJwk })?.jkt ?? null,
        }
      : null,
    granted: row.grantedConnectionId !== null,
    userId: row.userId,
    // SQLite answers booleans as 0/1 in raw queries.
    userDisabled: Boolean(row.userDisabled),
    userGranted: row.grantedUserId !== null,
    tokenSet: row.tokenSetId
      ? {
          id: row.tokenSetId,
          state: row.state,
          accessTokenEncrypted: row.accessTokenEncrypted,
          tokenType: row.tokenType,
          scope: row.scope,
          expiresAt: row.expiresAt,
          obtainedAt: row.obtainedAt,
          refreshedAt: row.refreshedAt,
          coolDownUntil: row.coolDownUntil,
          lastRefreshError: row.lastRefreshError,
          dpopJkt: row.dpopJkt,
        }
      : null,
  };
}
