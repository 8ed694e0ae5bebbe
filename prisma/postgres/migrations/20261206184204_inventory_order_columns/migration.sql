-- DropIndex
DROP INDEX "Connection_health_status_lastTestedAt_name_id_idx";

-- DropIndex
DROP INDEX "Connection_clientSecretExpiresAt_name_id_clientCertificateE_idx";

-- DropIndex
DROP INDEX "Connection_clientCertificateExpiresAt_name_id_clientSecretE_idx";

-- AlterTable: the earlier of the two expiries, kept by PostgreSQL itself (LEAST ignores a NULL).
ALTER TABLE "Connection" ADD COLUMN "credentialExpiresAt" TIMESTAMP(3) GENERATED ALWAYS AS (
  LEAST("clientSecretExpiresAt", "clientCertificateExpiresAt")
) STORED;

-- CreateIndex
CREATE INDEX "Connection_health_name_id_status_lastTestedAt_idx" ON "Connection"("health", "name", "id", "status", "lastTestedAt");

-- CreateIndex
CREATE INDEX "Connection_credentialExpiresAt_name_id_idx" ON "Connection"("credentialExpiresAt", "name", "id");

