-- AlterTable
ALTER TABLE "Connection" ADD COLUMN "clientCertificateExpiresAt" DATETIME;

