-- AlterTable
ALTER TABLE "TokenSet" ADD COLUMN     "nextBackgroundRefreshAt" TIMESTAMP(3),
ADD COLUMN     "refreshFailures" INTEGER NOT NULL DEFAULT 0;

