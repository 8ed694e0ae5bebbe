-- AlterTable
ALTER TABLE "Connection" ADD COLUMN     "clientCertificateExpiresAt" TIMESTAMP(3);

