import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";
import { databaseTestFiles } from "./lib/testing/database-test-files";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // server-only throws outside the React server runtime; unit tests run plain Node.
      "server-only": path.resolve(__dirname, "lib/testing/server-only-stub.ts"),
    },
  },
  test: {
    environment: "node",
    // The PostgreSQL suite (npm run test:unit:postgres sets HANDSHAKE_TEST_POSTGRES_URL) runs the
    // files that open a database, with *.postgres-test.ts, which only mean something there.
    include: process.env.HANDSHAKE_TEST_POSTGRES_URL
      ? databaseTestFiles(["lib", "components"], [".test.ts", ".postgres-test.ts"])
      : ["lib/**/*.test.ts", "components/**/*.test.ts"],
    globalSetup: ["lib/testing/vitest-global-setup.ts"],
    // One file per core: most files wait on a provider, a database or a child process, and
    // Vitest's default (cores - 1) runs one file at a time on two cores, at 128% CPU (303 s vs 206 s).
    maxWorkers: os.availableParallelism(),
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
