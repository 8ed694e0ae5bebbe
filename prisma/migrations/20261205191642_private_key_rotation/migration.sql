-- AlterTable
ALTER TABLE "Connection" ADD COLUMN "nextKeyTestedKid" TEXT;
ALTER TABLE "Connection" ADD COLUMN "nextPrivateKeyEncrypted" TEXT;
ALTER TABLE "Connection" ADD COLUMN "nextPrivateKeyId" TEXT;
ALTER TABLE "Connection" ADD COLUMN "nextPublicKeyJwk" TEXT;
ALTER TABLE "Connection" ADD COLUMN "retiringKeyRetireAt" DATETIME;
ALTER TABLE "Connection" ADD COLUMN "retiringPublicKeyJwk" TEXT;

