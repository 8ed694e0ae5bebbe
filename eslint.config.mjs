import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Test support (the test authorization server, quirk proxy, throwaway databases) serves unit tests,
// e2e and benchmarks; the product never depends on it, nor on anything in e2e/.
const TEST_SUPPORT = {
  group: ["@/lib/testing/*", "**/lib/testing/*", "@/e2e/*", "**/e2e/*"],
  message: "Product code does not import test support (lib/testing) or e2e/.",
};

// lib/oauth is the one place that talks to openid-client (issue #21): requests go through
// lib/oauth/protocol-requests.ts, errors and shapes through protocol-errors.ts and protocol-types.ts.
// Test support (lib/testing) is an independent client of the test server and the benchmark's
// baseline is bare openid-client on purpose, so both may use it directly.
const OPENID_CLIENT = {
  name: "openid-client",
  message:
    "Only lib/oauth imports openid-client: use lib/oauth/protocol-requests.ts, protocol-errors.ts or protocol-types.ts.",
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
          paths: [OPENID_CLIENT],
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
    rules: { "no-restricted-imports": ["error", { paths: [OPENID_CLIENT], patterns: [TEST_SUPPORT] }] },
  },
  {
    files: ["lib/oauth/**/*.{ts,tsx}"],
    ignores: ["lib/**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [TEST_SUPPORT] }] },
  },
  {
    files: ["lib/**/*.test.ts", "lib/**/*.postgres-test.ts", "e2e/**/*.ts"],
    ignores: ["lib/oauth/**"],
    rules: { "no-restricted-imports": ["error", { paths: [OPENID_CLIENT] }] },
  },
  {
    // No import circle in lib/: folders depend in one direction (lib/connections -> lib/oauth ->
    // lib/diagnosis). import/no-cycle does not follow type-only imports; keep those one-way too.
    files: ["lib/**/*.{ts,tsx}"],
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
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
