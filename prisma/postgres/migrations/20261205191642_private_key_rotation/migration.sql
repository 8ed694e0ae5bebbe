-- AlterTable
ALTER TABLE "Connection" ADD COLUMN     "nextKeyTestedKid" TEXT,
ADD COLUMN     "nextPrivateKeyEncrypted" TEXT,
ADD COLUMN     "nextPrivateKeyId" TEXT,
ADD COLUMN     "nextPublicKeyJwk" TEXT,
ADD COLUMN     "retiringKeyRetireAt" TIMESTAMP(3),
ADD COLUMN     "retiringPublicKeyJwk" TEXT;

