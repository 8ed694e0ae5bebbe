-- CreateTable
CREATE TABLE "CredentialExpiryReminder" (
    "connectionId" TEXT NOT NULL,
    "credential" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "step" INTEGER NOT NULL,
    "sentAt" DATETIME NOT NULL,

    PRIMARY KEY ("connectionId", "credential", "expiresAt", "step"),
    CONSTRAINT "CredentialExpiryReminder_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

