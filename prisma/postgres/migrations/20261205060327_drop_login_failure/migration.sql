-- DropTable
DROP TABLE "LoginFailure";

