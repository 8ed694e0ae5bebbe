-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'AUDITOR',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "tokenVersion" INTEGER NOT NULL DEFAULT 0,
    "lastSignInAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginFailure" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginFailure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Connection" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
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
    "discoveredAt" TIMESTAMP(3),
    "clientId" TEXT,
    "clientAuthMethod" TEXT NOT NULL DEFAULT 'client_secret_basic',
    "clientSecretEncrypted" TEXT,
    "clientSecretLast4" TEXT,
    "clientSecretSetAt" TIMESTAMP(3),
    "privateKeyEncrypted" TEXT,
    "privateKeyId" TEXT,
    "scopes" TEXT NOT NULL DEFAULT '[]',
    "audience" TEXT,
    "resource" TEXT,
    "authParams" TEXT NOT NULL DEFAULT '[]',
    "tokenParams" TEXT NOT NULL DEFAULT '[]',
    "usePar" BOOLEAN NOT NULL DEFAULT false,
    "useDpop" BOOLEAN NOT NULL DEFAULT false,
    "tokenSharing" TEXT NOT NULL DEFAULT 'SHARED',
    "autoRefresh" BOOLEAN NOT NULL DEFAULT true,
    "defaultTokenLifetime" INTEGER NOT NULL DEFAULT 3600,
    "health" TEXT NOT NULL DEFAULT 'NOT_TESTED',
    "lastTestedAt" TIMESTAMP(3),
    "lastTestRunId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Connection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TokenSet" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "ownerKey" TEXT NOT NULL,
    "userId" TEXT,
    "accessTokenEncrypted" TEXT NOT NULL,
    "refreshTokenEncrypted" TEXT,
    "idTokenEncrypted" TEXT,
    "tokenType" TEXT NOT NULL DEFAULT 'bearer',
    "scope" TEXT,
    "expiresAt" TIMESTAMP(3),
    "dpopKeyEncrypted" TEXT,
    "obtainedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "refreshedAt" TIMESTAMP(3),
    "refreshCount" INTEGER NOT NULL DEFAULT 0,
    "refreshTokenRotations" INTEGER NOT NULL DEFAULT 0,
    "lastRefreshError" TEXT,
    "refreshLeaseUntil" TIMESTAMP(3),
    "refreshLeaseOwner" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TokenSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TestRun" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "startedById" TEXT,
    "purpose" TEXT NOT NULL DEFAULT 'TEST',
    "grantType" TEXT NOT NULL,
    "targetHost" TEXT,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "result" TEXT NOT NULL DEFAULT '{}',
    "trace" TEXT NOT NULL DEFAULT '[]',
    "diagnosis" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "durationMs" INTEGER,

    CONSTRAINT "TestRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PendingAuthorization" (
    "id" TEXT NOT NULL,
    "stateHash" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "testRunId" TEXT,
    "purpose" TEXT NOT NULL DEFAULT 'TEST',
    "codeVerifierEncrypted" TEXT,
    "nonceEncrypted" TEXT,
    "redirectUri" TEXT NOT NULL,
    "issuer" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "consumedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PendingAuthorization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "seq" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorEmail" TEXT,
    "actorRole" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "targetName" TEXT,
    "connectionId" TEXT,
    "details" TEXT NOT NULL DEFAULT '{}',
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "LoginFailure_key_createdAt_idx" ON "LoginFailure"("key", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Connection_name_key" ON "Connection"("name");

-- CreateIndex
CREATE INDEX "Connection_status_updatedAt_idx" ON "Connection"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "Connection_grantType_idx" ON "Connection"("grantType");

-- CreateIndex
CREATE INDEX "Connection_providerType_idx" ON "Connection"("providerType");

-- CreateIndex
CREATE INDEX "Connection_health_idx" ON "Connection"("health");

-- CreateIndex
CREATE INDEX "Connection_updatedAt_idx" ON "Connection"("updatedAt");

-- CreateIndex
CREATE INDEX "TokenSet_expiresAt_idx" ON "TokenSet"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "TokenSet_connectionId_ownerKey_key" ON "TokenSet"("connectionId", "ownerKey");

-- CreateIndex
CREATE INDEX "TestRun_connectionId_startedAt_idx" ON "TestRun"("connectionId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PendingAuthorization_stateHash_key" ON "PendingAuthorization"("stateHash");

-- CreateIndex
CREATE INDEX "PendingAuthorization_expiresAt_idx" ON "PendingAuthorization"("expiresAt");

-- CreateIndex
CREATE INDEX "AuditEvent_action_seq_idx" ON "AuditEvent"("action", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_seq_idx" ON "AuditEvent"("actorId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_connectionId_seq_idx" ON "AuditEvent"("connectionId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt");

-- AddForeignKey
ALTER TABLE "Connection" ADD CONSTRAINT "Connection_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Connection" ADD CONSTRAINT "Connection_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TokenSet" ADD CONSTRAINT "TokenSet_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TokenSet" ADD CONSTRAINT "TokenSet_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TestRun" ADD CONSTRAINT "TestRun_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TestRun" ADD CONSTRAINT "TestRun_startedById_fkey" FOREIGN KEY ("startedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PendingAuthorization" ADD CONSTRAINT "PendingAuthorization_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PendingAuthorization" ADD CONSTRAINT "PendingAuthorization_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

