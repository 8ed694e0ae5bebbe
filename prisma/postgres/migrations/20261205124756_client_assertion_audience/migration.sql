-- AlterTable
ALTER TABLE "Connection" ADD COLUMN     "clientAssertionAudience" TEXT NOT NULL DEFAULT 'issuer';

