-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "permissions" TEXT NOT NULL DEFAULT 'tokens:read';

