-- AlterTable (additive: existing keys keep exactly tokens:read)
ALTER TABLE "ApiKey" ADD COLUMN "permissions" TEXT NOT NULL DEFAULT 'tokens:read';
