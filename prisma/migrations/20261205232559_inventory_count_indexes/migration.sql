-- CreateIndex
CREATE INDEX "Connection_lastTestedAt_status_idx" ON "Connection"("lastTestedAt", "status");

-- CreateIndex
CREATE INDEX "Connection_clientSecretSetAt_idx" ON "Connection"("clientSecretSetAt");

