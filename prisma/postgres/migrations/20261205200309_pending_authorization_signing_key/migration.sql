-- AlterTable
ALTER TABLE "PendingAuthorization" ADD COLUMN     "signingKey" TEXT;

