-- AlterTable
ALTER TABLE "Connection" ADD COLUMN     "publicKeyJwk" TEXT;

