-- AlterTable
ALTER TABLE "Connection" ADD COLUMN "clientCertificateKeyEncrypted" TEXT;
ALTER TABLE "Connection" ADD COLUMN "clientCertificatePem" TEXT;

