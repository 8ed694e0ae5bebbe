-- AlterTable
ALTER TABLE "Connection" ADD COLUMN "healthProblem" TEXT;

