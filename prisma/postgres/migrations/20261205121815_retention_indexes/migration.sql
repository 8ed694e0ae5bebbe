-- AlterTable
ALTER TABLE "TokenReadCount" ADD COLUMN     "period" TEXT NOT NULL DEFAULT 'hour';

-- CreateIndex
CREATE INDEX "TokenReadCount_period_hourStart_idx" ON "TokenReadCount"("period", "hourStart");


-- CreateIndex
CREATE INDEX "TestRun_startedAt_idx" ON "TestRun"("startedAt");
