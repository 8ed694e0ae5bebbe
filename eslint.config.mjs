import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ["node_modules/**", ".next/**", ".next-*/**", "lib/db/generated/**", "lib/db/generated-postgres/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "data/**"],
  },
];

export default config;
