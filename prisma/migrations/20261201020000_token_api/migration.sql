-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "displayPrefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "allConnections" BOOLEAN NOT NULL DEFAULT false,
    "rateLimitPerMinute" INTEGER NOT NULL DEFAULT 600,
    "expiresAt" DATETIME,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    "revokedByEmail" TEXT,
    "createdByEmail" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ApiKeyConnection" (
    "apiKeyId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,

    PRIMARY KEY ("apiKeyId", "connectionId"),
    CONSTRAINT "ApiKeyConnection_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ApiKeyConnection_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TokenReadCount" (
    "apiKeyId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "hourStart" DATETIME NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "lastReadAt" DATETIME NOT NULL,

    PRIMARY KEY ("apiKeyId", "connectionId", "hourStart"),
    CONSTRAINT "TokenReadCount_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TokenReadCount_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiKeyRateWindow" (
    "apiKeyId" TEXT NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("apiKeyId", "windowStart"),
    CONSTRAINT "ApiKeyRateWindow_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "owner" TEXT NOT NULL,
    "until" DATETIME NOT NULL
);

-- AlterTable (additive: new columns with defaults)
ALTER TABLE "Connection" ADD COLUMN "refreshMarginSeconds" INTEGER NOT NULL DEFAULT 300;
ALTER TABLE "TokenSet" ADD COLUMN "state" TEXT NOT NULL DEFAULT 'VALID';
ALTER TABLE "TokenSet" ADD COLUMN "coolDownUntil" DATETIME;
ALTER TABLE "TokenSet" ADD COLUMN "lastServedAt" DATETIME;

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");

-- CreateIndex
CREATE INDEX "ApiKey_createdAt_idx" ON "ApiKey"("createdAt");

-- CreateIndex
CREATE INDEX "ApiKeyConnection_connectionId_idx" ON "ApiKeyConnection"("connectionId");

-- CreateIndex
CREATE INDEX "TokenReadCount_connectionId_hourStart_idx" ON "TokenReadCount"("connectionId", "hourStart");

