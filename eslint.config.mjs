import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Test support (the test authorization server, quirk proxy, throwaway databases) serves unit tests,
// e2e and benchmarks; the product never depends on it, nor on anything in e2e/.
const TEST_SUPPORT = {
  group: ["@/lib/testing/*", "**/lib/testing/*", "@/e2e/*", "**/e2e/*"],
  message: "Product code does not import test support (lib/testing) or e2e/.",
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    // Routes and UI reach the database only through lib/ functions by domain (lib/<domain>/),
    // never through the Prisma client, its generated types or the SQLite driver.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@/lib/db/prisma",
                "@/lib/db/generated",
                "@/lib/db/generated/**",
                "**/lib/db/prisma",
                "**/lib/db/generated/**",
                "@/lib/db/generated-postgres/**",
                "**/lib/db/generated-postgres/**",
                "@prisma/*",
                "pg",
                "better-sqlite3",
              ],
              message:
                "Call a data-access function from lib/<domain>/ instead; app/ and components/ never touch the database client.",
            },
            TEST_SUPPORT,
          ],
        },
      ],
    },
  },
  {
    files: ["lib/**/*.{ts,tsx}"],
    ignores: [
      "lib/**/*.test.ts",
      "lib/**/*.postgres-test.ts",
      "lib/testing/**",
      "lib/bench/**",
      "lib/cli/test-postgres.ts",
      "lib/cli/create-migration.ts",
    ],
    rules: { "no-restricted-imports": ["error", { patterns: [TEST_SUPPORT] }] },
  },
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-*/**",
      "lib/db/generated/**",
      "lib/db/generated-postgres/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      "data/**",
    ],
  },
];

export default config;
