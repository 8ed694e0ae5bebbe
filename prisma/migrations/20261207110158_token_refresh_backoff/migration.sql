-- AlterTable
ALTER TABLE "TokenSet" ADD COLUMN "refreshFailures" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "TokenSet" ADD COLUMN "nextBackgroundRefreshAt" DATETIME;
