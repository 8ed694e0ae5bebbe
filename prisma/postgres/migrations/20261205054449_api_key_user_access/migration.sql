-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "lastUsedIp" TEXT,
ADD COLUMN     "lastUsedUserAgent" TEXT,
ADD COLUMN     "userAccess" TEXT NOT NULL DEFAULT 'SHARED_ONLY';

-- CreateTable
CREATE TABLE "ApiKeyUser" (
    "apiKeyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "ApiKeyUser_pkey" PRIMARY KEY ("apiKeyId","userId")
);

-- CreateIndex
CREATE INDEX "ApiKeyUser_userId_idx" ON "ApiKeyUser"("userId");

-- AddForeignKey
ALTER TABLE "ApiKeyUser" ADD CONSTRAINT "ApiKeyUser_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyUser" ADD CONSTRAINT "ApiKeyUser_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

