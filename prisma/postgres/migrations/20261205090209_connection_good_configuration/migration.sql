-- CreateTable
CREATE TABLE "ConnectionGoodConfiguration" (
    "connectionId" TEXT NOT NULL,
    "columns" TEXT NOT NULL,
    "clientSecretEncrypted" TEXT,
    "clientSecretLast4" TEXT,
    "clientSecretSetAt" TIMESTAMP(3),
    "clientSecretOrigin" TEXT,
    "testRunId" TEXT NOT NULL,
    "testedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConnectionGoodConfiguration_pkey" PRIMARY KEY ("connectionId")
);

-- AddForeignKey
ALTER TABLE "ConnectionGoodConfiguration" ADD CONSTRAINT "ConnectionGoodConfiguration_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

