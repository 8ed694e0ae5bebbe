-- AlterTable
ALTER TABLE "Connection" ADD COLUMN "clientSecretExpiresAt" DATETIME;

-- CreateTable
CREATE TABLE "SecretExpiryReminder" (
    "connectionId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "step" INTEGER NOT NULL,
    "sentAt" DATETIME NOT NULL,

    PRIMARY KEY ("connectionId", "expiresAt", "step"),
    CONSTRAINT "SecretExpiryReminder_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

