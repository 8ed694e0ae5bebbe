-- AlterTable
ALTER TABLE "Connection" ADD COLUMN     "checkErrorAt" TIMESTAMP(3);

