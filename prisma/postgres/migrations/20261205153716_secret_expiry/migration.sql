-- AlterTable
ALTER TABLE "Connection" ADD COLUMN     "clientSecretExpiresAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "SecretExpiryReminder" (
    "connectionId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "step" INTEGER NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SecretExpiryReminder_pkey" PRIMARY KEY ("connectionId","expiresAt","step")
);

-- AddForeignKey
ALTER TABLE "SecretExpiryReminder" ADD CONSTRAINT "SecretExpiryReminder_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

