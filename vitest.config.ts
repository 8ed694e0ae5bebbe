import path from "node:path";
import { defineConfig } from "vitest/config";

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
    // *.postgres-test.ts only mean something on PostgreSQL: they run in the PostgreSQL suite
    // (npm run test:unit:postgres sets HANDSHAKE_TEST_POSTGRES_URL), not as skipped tests on SQLite.
    include: [
      "lib/**/*.test.ts",
      "components/**/*.test.ts",
      ...(process.env.HANDSHAKE_TEST_POSTGRES_URL ? ["lib/**/*.postgres-test.ts"] : []),
    ],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
