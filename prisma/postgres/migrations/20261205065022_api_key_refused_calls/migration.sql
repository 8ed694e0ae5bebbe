-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "lastRefusedAt" TIMESTAMP(3),
ADD COLUMN     "lastRefusedDetail" TEXT,
ADD COLUMN     "lastRefusedIp" TEXT,
ADD COLUMN     "lastRefusedStatus" INTEGER,
ADD COLUMN     "lastRefusedType" TEXT,
ADD COLUMN     "lastRefusedUserAgent" TEXT,
ADD COLUMN     "refusedCount" INTEGER NOT NULL DEFAULT 0;

