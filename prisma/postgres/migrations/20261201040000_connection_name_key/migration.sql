-- Connection names are unique regardless of case: a normalised lower-case copy with a unique index.
-- AlterTable
ALTER TABLE "Connection" ADD COLUMN "nameKey" TEXT;

-- Backfill: one row per case-insensitive name gets its key; any older look-alikes keep NULL (allowed
-- by the unique index) until they are next saved, where the duplicate is reported next to the name.
UPDATE "Connection" SET "nameKey" = lower("name")
WHERE "id" IN (SELECT min("id") FROM "Connection" GROUP BY lower("name"));

-- CreateIndex
CREATE UNIQUE INDEX "Connection_nameKey_key" ON "Connection"("nameKey");
