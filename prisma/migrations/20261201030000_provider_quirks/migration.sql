-- Providers that bend the standards (issue 11): additive columns only, so migrations of parallel work compose.
ALTER TABLE "Connection" ADD COLUMN "basicAuthEncoding" TEXT NOT NULL DEFAULT 'form';
ALTER TABLE "Connection" ADD COLUMN "apiCheckUrl" TEXT;
ALTER TABLE "Connection" ADD COLUMN "apiCheckMethod" TEXT NOT NULL DEFAULT 'GET';
ALTER TABLE "Connection" ADD COLUMN "apiCheckStatus" INTEGER NOT NULL DEFAULT 200;
ALTER TABLE "Connection" ADD COLUMN "testIntrospection" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Connection" ADD COLUMN "testRevocation" BOOLEAN NOT NULL DEFAULT false;
