-- Written by hand instead of Prisma's table redefinition: plain ADD COLUMNs keep columns that
-- other branches add to "ApiKey" (SQLite accepts NOT NULL with a constant default).
-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN "userAccess" TEXT NOT NULL DEFAULT 'SHARED_ONLY';
ALTER TABLE "ApiKey" ADD COLUMN "lastUsedIp" TEXT;
ALTER TABLE "ApiKey" ADD COLUMN "lastUsedUserAgent" TEXT;

-- CreateTable
CREATE TABLE "ApiKeyUser" (
    "apiKeyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    PRIMARY KEY ("apiKeyId", "userId"),
    CONSTRAINT "ApiKeyUser_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ApiKeyUser_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ApiKeyUser_userId_idx" ON "ApiKeyUser"("userId");
