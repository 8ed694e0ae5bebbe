import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

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
              group: ["@/lib/db/prisma", "@/lib/db/generated", "@/lib/db/generated/**", "**/lib/db/prisma", "**/lib/db/generated/**", "@prisma/*", "better-sqlite3"],
              message: "Call a data-access function from lib/<domain>/ instead; app/ and components/ never touch the database client.",
            },
          ],
        },
      ],
    },
  },
  {
    ignores: ["node_modules/**", ".next/**", ".next-*/**", "lib/db/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "data/**"],
  },
];

export default config;
