-- AlterTable
ALTER TABLE "Connection" ADD COLUMN "checkFailures" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Connection" ADD COLUMN "checkSchedule" TEXT NOT NULL DEFAULT 'daily';
ALTER TABLE "Connection" ADD COLUMN "lastCheckAt" DATETIME;
ALTER TABLE "Connection" ADD COLUMN "nextCheckAt" DATETIME;

-- AlterTable
ALTER TABLE "TestRun" ADD COLUMN "trigger" TEXT NOT NULL DEFAULT 'manual';

-- CreateIndex
CREATE INDEX "Connection_nextCheckAt_idx" ON "Connection"("nextCheckAt");

-- Connections saved before scheduled checks existed stay unchecked; new ones default to daily.
UPDATE "Connection" SET "checkSchedule" = 'off';
