-- AlterTable
ALTER TABLE "Connection" ADD COLUMN     "refreshMarginSeconds" INTEGER NOT NULL DEFAULT 300;

-- AlterTable
ALTER TABLE "TokenSet" ADD COLUMN     "coolDownUntil" TIMESTAMP(3),
ADD COLUMN     "lastServedAt" TIMESTAMP(3),
ADD COLUMN     "state" TEXT NOT NULL DEFAULT 'VALID';

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "displayPrefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "allConnections" BOOLEAN NOT NULL DEFAULT false,
    "rateLimitPerMinute" INTEGER NOT NULL DEFAULT 600,
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "revokedByEmail" TEXT,
    "createdByEmail" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKeyConnection" (
    "apiKeyId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,

    CONSTRAINT "ApiKeyConnection_pkey" PRIMARY KEY ("apiKeyId","connectionId")
);

-- CreateTable
CREATE TABLE "TokenReadCount" (
    "apiKeyId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "hourStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "lastReadAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TokenReadCount_pkey" PRIMARY KEY ("apiKeyId","connectionId","hourStart")
);

-- CreateTable
CREATE TABLE "ApiKeyRateWindow" (
    "apiKeyId" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ApiKeyRateWindow_pkey" PRIMARY KEY ("apiKeyId","windowStart")
);

-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lease_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");

-- CreateIndex
CREATE INDEX "ApiKey_createdAt_idx" ON "ApiKey"("createdAt");

-- CreateIndex
CREATE INDEX "ApiKeyConnection_connectionId_idx" ON "ApiKeyConnection"("connectionId");

-- CreateIndex
CREATE INDEX "TokenReadCount_connectionId_hourStart_idx" ON "TokenReadCount"("connectionId", "hourStart");

-- AddForeignKey
ALTER TABLE "ApiKeyConnection" ADD CONSTRAINT "ApiKeyConnection_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyConnection" ADD CONSTRAINT "ApiKeyConnection_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TokenReadCount" ADD CONSTRAINT "TokenReadCount_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TokenReadCount" ADD CONSTRAINT "TokenReadCount_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyRateWindow" ADD CONSTRAINT "ApiKeyRateWindow_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

