/**
 * Where the end-to-end servers run. E2E_PORT_BASE moves all of them, so several checkouts can run
 * their suites on one machine at once.
 */
import path from "node:path";

const base = Number(process.env.E2E_PORT_BASE ?? 3100);

export const E2E = {
  /** The console, started with ADMIN_EMAIL/ADMIN_PASSWORD so an admin exists. */
  appPort: base,
  appUrl: `http://127.0.0.1:${base}`,
  /** A second console on an empty database, for the first-run setup flow. */
  freshAppPort: base + 1,
  freshAppUrl: `http://127.0.0.1:${base + 1}`,
  /** The OAuth/OIDC authorization server (oidc-provider) on loopback. */
  oidcPort: base + 2,
  oidcIssuer: `http://127.0.0.1:${base + 2}`,
  /** The quirk proxy in front of it (lib/testing/quirk-proxy.ts), for providers that bend the standards. */
  quirkPort: base + 3,
  quirkTokenUrl: `http://127.0.0.1:${base + 3}/token`,
  stateDir: path.resolve("e2e/.state"),
  appDataDir: path.resolve("e2e/.state/app"),
  freshAppDataDir: path.resolve("e2e/.state/fresh"),
  freshAppLog: path.resolve("e2e/.state/fresh-app.log"),
  admin: { email: "admin@handshake.test", password: "admin-password-e2e-1" },
} as const;
