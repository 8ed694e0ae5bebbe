-- CreateIndex
CREATE INDEX "Connection_status_health_grantType_name_id_idx" ON "Connection"("status", "health", "grantType", "name", "id");

-- CreateIndex
CREATE INDEX "Connection_health_status_lastTestedAt_name_id_idx" ON "Connection"("health", "status", "lastTestedAt", "name", "id");

-- CreateIndex
CREATE INDEX "Connection_clientSecretExpiresAt_name_id_clientCertificateExpiresAt_idx" ON "Connection"("clientSecretExpiresAt", "name", "id", "clientCertificateExpiresAt");

-- CreateIndex
CREATE INDEX "Connection_clientCertificateExpiresAt_name_id_clientSecretExpiresAt_idx" ON "Connection"("clientCertificateExpiresAt", "name", "id", "clientSecretExpiresAt");

