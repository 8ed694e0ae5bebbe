-- The earlier of the two credential expiries, kept by SQLite itself: a generated column, STORED so
-- that its index covers the inventory's counts and pages (an index on a VIRTUAL column is not
-- covering, and SQLite then scanned the table instead). Dates are ISO 8601 text here, so text order
-- is time order; min() of two values, the one present when the other is NULL. SQLite adds a stored
-- column only by redefining the table, done here as Prisma does it. The three indexes this
-- replaces go with the old table.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Connection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "nameKey" TEXT,
    "description" TEXT,
    "providerType" TEXT NOT NULL DEFAULT 'custom',
    "providerParams" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "draftStep" INTEGER NOT NULL DEFAULT 0,
    "grantType" TEXT NOT NULL DEFAULT 'authorization_code_pkce',
    "pkceMethod" TEXT NOT NULL DEFAULT 'S256',
    "issuer" TEXT,
    "authorizationUrl" TEXT,
    "tokenUrl" TEXT,
    "userinfoUrl" TEXT,
    "revocationUrl" TEXT,
    "jwksUrl" TEXT,
    "discoveryMetadata" TEXT,
    "discoveredAt" DATETIME,
    "clientId" TEXT,
    "clientAuthMethod" TEXT NOT NULL DEFAULT 'client_secret_basic',
    "clientSecretEncrypted" TEXT,
    "clientSecretLast4" TEXT,
    "clientSecretSetAt" DATETIME,
    "clientSecretOrigin" TEXT,
    "privateKeyEncrypted" TEXT,
    "privateKeyId" TEXT,
    "publicKeyJwk" TEXT,
    "scopes" TEXT NOT NULL DEFAULT '[]',
    "audience" TEXT,
    "resource" TEXT,
    "authParams" TEXT NOT NULL DEFAULT '[]',
    "tokenParams" TEXT NOT NULL DEFAULT '[]',
    "usePar" BOOLEAN NOT NULL DEFAULT false,
    "useDpop" BOOLEAN NOT NULL DEFAULT false,
    "parMode" TEXT NOT NULL DEFAULT 'WHEN_REQUIRED',
    "useJar" BOOLEAN NOT NULL DEFAULT false,
    "dpopKeyEncrypted" TEXT,
    "dpopPublicJwk" TEXT,
    "tokenSharing" TEXT NOT NULL DEFAULT 'SHARED',
    "autoRefresh" BOOLEAN NOT NULL DEFAULT true,
    "defaultTokenLifetime" INTEGER NOT NULL DEFAULT 3600,
    "refreshMarginSeconds" INTEGER NOT NULL DEFAULT 300,
    "health" TEXT NOT NULL DEFAULT 'NOT_TESTED',
    "lastTestedAt" DATETIME,
    "lastTestRunId" TEXT,
    "healthProblem" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "updatedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "basicAuthEncoding" TEXT NOT NULL DEFAULT 'form',
    "clientAssertionAudience" TEXT NOT NULL DEFAULT 'issuer',
    "apiCheckUrl" TEXT,
    "apiCheckMethod" TEXT NOT NULL DEFAULT 'GET',
    "apiCheckStatus" INTEGER NOT NULL DEFAULT 200,
    "testIntrospection" BOOLEAN NOT NULL DEFAULT false,
    "testRevocation" BOOLEAN NOT NULL DEFAULT false,
    "checkSchedule" TEXT NOT NULL DEFAULT 'daily',
    "nextCheckAt" DATETIME,
    "lastCheckAt" DATETIME,
    "checkFailures" INTEGER NOT NULL DEFAULT 0,
    "clientSecretExpiresAt" DATETIME,
    "clientCertificateExpiresAt" DATETIME,
    "nextPrivateKeyEncrypted" TEXT,
    "nextPrivateKeyId" TEXT,
    "nextPublicKeyJwk" TEXT,
    "nextKeyTestedKid" TEXT,
    "retiringPublicKeyJwk" TEXT,
    "retiringKeyRetireAt" DATETIME,
    "clientCertificatePem" TEXT,
    "clientCertificateKeyEncrypted" TEXT,
    "checkErrorAt" DATETIME,
    "credentialExpiresAt" DATETIME GENERATED ALWAYS AS (
        min(coalesce("clientSecretExpiresAt", "clientCertificateExpiresAt"), coalesce("clientCertificateExpiresAt", "clientSecretExpiresAt"))
    ) STORED,
    CONSTRAINT "Connection_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Connection_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Connection" ("apiCheckMethod", "apiCheckStatus", "apiCheckUrl", "audience", "authParams", "authorizationUrl", "autoRefresh", "basicAuthEncoding", "checkErrorAt", "checkFailures", "checkSchedule", "clientAssertionAudience", "clientAuthMethod", "clientCertificateExpiresAt", "clientCertificateKeyEncrypted", "clientCertificatePem", "clientId", "clientSecretEncrypted", "clientSecretExpiresAt", "clientSecretLast4", "clientSecretOrigin", "clientSecretSetAt", "createdAt", "createdById", "defaultTokenLifetime", "description", "discoveredAt", "discoveryMetadata", "dpopKeyEncrypted", "dpopPublicJwk", "draftStep", "enabled", "grantType", "health", "healthProblem", "id", "issuer", "jwksUrl", "lastCheckAt", "lastTestRunId", "lastTestedAt", "name", "nameKey", "nextCheckAt", "nextKeyTestedKid", "nextPrivateKeyEncrypted", "nextPrivateKeyId", "nextPublicKeyJwk", "parMode", "pkceMethod", "privateKeyEncrypted", "privateKeyId", "providerParams", "providerType", "publicKeyJwk", "refreshMarginSeconds", "resource", "retiringKeyRetireAt", "retiringPublicKeyJwk", "revocationUrl", "scopes", "status", "testIntrospection", "testRevocation", "tokenParams", "tokenSharing", "tokenUrl", "updatedAt", "updatedById", "useDpop", "useJar", "usePar", "userinfoUrl", "version") SELECT "apiCheckMethod", "apiCheckStatus", "apiCheckUrl", "audience", "authParams", "authorizationUrl", "autoRefresh", "basicAuthEncoding", "checkErrorAt", "checkFailures", "checkSchedule", "clientAssertionAudience", "clientAuthMethod", "clientCertificateExpiresAt", "clientCertificateKeyEncrypted", "clientCertificatePem", "clientId", "clientSecretEncrypted", "clientSecretExpiresAt", "clientSecretLast4", "clientSecretOrigin", "clientSecretSetAt", "createdAt", "createdById", "defaultTokenLifetime", "description", "discoveredAt", "discoveryMetadata", "dpopKeyEncrypted", "dpopPublicJwk", "draftStep", "enabled", "grantType", "health", "healthProblem", "id", "issuer", "jwksUrl", "lastCheckAt", "lastTestRunId", "lastTestedAt", "name", "nameKey", "nextCheckAt", "nextKeyTestedKid", "nextPrivateKeyEncrypted", "nextPrivateKeyId", "nextPublicKeyJwk", "parMode", "pkceMethod", "privateKeyEncrypted", "privateKeyId", "providerParams", "providerType", "publicKeyJwk", "refreshMarginSeconds", "resource", "retiringKeyRetireAt", "retiringPublicKeyJwk", "revocationUrl", "scopes", "status", "testIntrospection", "testRevocation", "tokenParams", "tokenSharing", "tokenUrl", "updatedAt", "updatedById", "useDpop", "useJar", "usePar", "userinfoUrl", "version" FROM "Connection";
DROP TABLE "Connection";
ALTER TABLE "new_Connection" RENAME TO "Connection";
CREATE UNIQUE INDEX "Connection_name_key" ON "Connection"("name");
CREATE UNIQUE INDEX "Connection_nameKey_key" ON "Connection"("nameKey");
CREATE INDEX "Connection_status_updatedAt_idx" ON "Connection"("status", "updatedAt");
CREATE INDEX "Connection_grantType_idx" ON "Connection"("grantType");
CREATE INDEX "Connection_providerType_idx" ON "Connection"("providerType");
CREATE INDEX "Connection_health_idx" ON "Connection"("health");
CREATE INDEX "Connection_nextCheckAt_idx" ON "Connection"("nextCheckAt");
CREATE INDEX "Connection_clientSecretExpiresAt_idx" ON "Connection"("clientSecretExpiresAt");
CREATE INDEX "Connection_clientCertificateExpiresAt_idx" ON "Connection"("clientCertificateExpiresAt");
CREATE INDEX "Connection_lastTestedAt_status_idx" ON "Connection"("lastTestedAt", "status");
CREATE INDEX "Connection_clientSecretSetAt_idx" ON "Connection"("clientSecretSetAt");
CREATE INDEX "Connection_updatedAt_id_idx" ON "Connection"("updatedAt", "id");
CREATE INDEX "Connection_status_health_grantType_name_id_idx" ON "Connection"("status", "health", "grantType", "name", "id");
CREATE INDEX "Connection_health_name_id_status_lastTestedAt_idx" ON "Connection"("health", "name", "id", "status", "lastTestedAt");
CREATE INDEX "Connection_credentialExpiresAt_name_id_idx" ON "Connection"("credentialExpiresAt", "name", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

