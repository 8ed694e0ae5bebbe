-- AlterTable
ALTER TABLE "TokenSet" ADD COLUMN "boundClientId" TEXT;
ALTER TABLE "TokenSet" ADD COLUMN "boundIssuer" TEXT;
ALTER TABLE "TokenSet" ADD COLUMN "boundTokenOrigin" TEXT;

