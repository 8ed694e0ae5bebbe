-- DropIndex
DROP INDEX "Connection_updatedAt_idx";

-- CreateIndex
CREATE INDEX "Connection_updatedAt_id_idx" ON "Connection"("updatedAt", "id");

