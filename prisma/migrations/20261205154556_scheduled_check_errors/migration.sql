-- AlterTable
ALTER TABLE "Connection" ADD COLUMN "checkErrorAt" DATETIME;

