-- AlterTable (hand-written: an added column, not a redefined table)
ALTER TABLE "Connection" ADD COLUMN "clientAssertionAudience" TEXT NOT NULL DEFAULT 'issuer';
