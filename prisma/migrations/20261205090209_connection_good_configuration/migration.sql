-- CreateTable
CREATE TABLE "ConnectionGoodConfiguration" (
    "connectionId" TEXT NOT NULL PRIMARY KEY,
    "columns" TEXT NOT NULL,
    "clientSecretEncrypted" TEXT,
    "clientSecretLast4" TEXT,
    "clientSecretSetAt" DATETIME,
    "clientSecretOrigin" TEXT,
    "testRunId" TEXT NOT NULL,
    "testedAt" DATETIME NOT NULL,
    CONSTRAINT "ConnectionGoodConfiguration_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

