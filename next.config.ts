import type { NextConfig } from "next";

const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  // no-referrer: the OAuth callback URL carries a code that must never reach another site.
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin-allow-popups" },
];

const nextConfig: NextConfig = {
  // Each checkout can build into its own folder (parallel e2e runs on one machine).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // `npm test` runs `tsc --noEmit` over the whole project before it builds for the browser tests
  // and says so with HANDSHAKE_TYPES_CHECKED; that build need not check the same types again.
  typescript: { ignoreBuildErrors: process.env.HANDSHAKE_TYPES_CHECKED === "1" },
  serverExternalPackages: ["better-sqlite3", "pg", "@node-rs/argon2", "oidc-provider"],
  experimental: {
    authInterrupts: true,
    // CI builds once from a clean clone: writing Turbopack's build cache there only costs time.
    turbopackFileSystemCacheForBuild: process.env.CI !== "true",
    // The Import page sends a connections file of up to 4 MB (lib/schemas/connections-import.ts), JSON-encoded.
    serverActions: { bodySizeLimit: "6mb" },
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // The OAuth popup comes back from the provider through the callback's redirect to a test
      // result; COOP is checked on every response of that chain, and a stricter policy would cut
      // the popup off from the console window that opened it and must be told the outcome.
      ...["/api/oauth/callback", "/connections/:connectionId/tests/:testRunId"].map((source) => ({
        source,
        headers: [{ key: "Cross-Origin-Opener-Policy", value: "unsafe-none" }],
      })),
    ];
  },
};

export default nextConfig;
