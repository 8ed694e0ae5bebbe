-- AlterTable
ALTER TABLE "Connection" ADD COLUMN     "dpopKeyEncrypted" TEXT,
ADD COLUMN     "dpopPublicJwk" TEXT,
ADD COLUMN     "parMode" TEXT NOT NULL DEFAULT 'WHEN_REQUIRED',
ADD COLUMN     "useJar" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "TokenSet" ADD COLUMN     "dpopJkt" TEXT;

