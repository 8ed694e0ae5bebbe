-- AlterTable
ALTER TABLE "Connection" ADD COLUMN     "clientCertificateKeyEncrypted" TEXT,
ADD COLUMN     "clientCertificatePem" TEXT;

