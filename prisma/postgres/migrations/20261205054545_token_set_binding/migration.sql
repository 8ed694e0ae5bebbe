-- AlterTable
ALTER TABLE "TokenSet" ADD COLUMN     "boundClientId" TEXT,
ADD COLUMN     "boundIssuer" TEXT,
ADD COLUMN     "boundTokenOrigin" TEXT;

