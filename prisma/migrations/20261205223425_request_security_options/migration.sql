-- AlterTable
ALTER TABLE "TokenSet" ADD COLUMN "dpopJkt" TEXT;

-- AlterTable
ALTER TABLE "Connection" ADD COLUMN "parMode" TEXT NOT NULL DEFAULT 'WHEN_REQUIRED';
ALTER TABLE "Connection" ADD COLUMN "useJar" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Connection" ADD COLUMN "dpopKeyEncrypted" TEXT;
ALTER TABLE "Connection" ADD COLUMN "dpopPublicJwk" TEXT;
