-- CreateTable
CREATE TABLE "CredentialExpiryReminder" (
    "connectionId" TEXT NOT NULL,
    "credential" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "step" INTEGER NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CredentialExpiryReminder_pkey" PRIMARY KEY ("connectionId","credential","expiresAt","step")
);

-- AddForeignKey
ALTER TABLE "CredentialExpiryReminder" ADD CONSTRAINT "CredentialExpiryReminder_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

