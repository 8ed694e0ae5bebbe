-- CreateIndex
CREATE INDEX "Connection_clientSecretExpiresAt_idx" ON "Connection"("clientSecretExpiresAt");

-- CreateIndex
CREATE INDEX "Connection_clientCertificateExpiresAt_idx" ON "Connection"("clientCertificateExpiresAt");

