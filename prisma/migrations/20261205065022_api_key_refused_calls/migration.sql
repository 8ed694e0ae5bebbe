-- Refused token API calls per key: a count and the last refusal (plain ADD COLUMN, no table rebuild).
ALTER TABLE "ApiKey" ADD COLUMN "refusedCount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ApiKey" ADD COLUMN "lastRefusedAt" DATETIME;
ALTER TABLE "ApiKey" ADD COLUMN "lastRefusedStatus" INTEGER;
ALTER TABLE "ApiKey" ADD COLUMN "lastRefusedType" TEXT;
ALTER TABLE "ApiKey" ADD COLUMN "lastRefusedDetail" TEXT;
ALTER TABLE "ApiKey" ADD COLUMN "lastRefusedIp" TEXT;
ALTER TABLE "ApiKey" ADD COLUMN "lastRefusedUserAgent" TEXT;
