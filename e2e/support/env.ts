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
  /** A second console process on the main console's database (token API across processes). */
  secondAppPort: base + 4,
  /** A console on the main console's database whose public URL (APP_URL) is https. */
  httpsPublicAppPort: base + 7,
  /**
   * The authorization server's HTTPS listener for mutual TLS (RFC 8705), trusting the test CA the
   * e2e authorization server generates at startup and writes to `mtlsCaFile` (certificate and key,
   * for specs that issue client certificates) and `mtlsCaCertificateFile` (the console's
   * OUTBOUND_EXTRA_CA_FILE). Playwright starts the authorization server before the consoles.
   */
  mtlsPort: base + 8,
  mtlsOrigin: `https://127.0.0.1:${base + 8}`,
  mtlsCaFile: path.resolve("e2e/.state/mtls-ca.json"),
  mtlsCaCertificateFile: path.resolve("e2e/.state/mtls-ca.pem"),
  stateDir: path.resolve("e2e/.state"),
  appDataDir: path.resolve("e2e/.state/app"),
  freshAppDataDir: path.resolve("e2e/.state/fresh"),
  freshAppLog: path.resolve("e2e/.state/fresh-app.log"),
  admin: { email: "admin@handshake.test", password: "admin-password-e2e-1" },
  /** The bearer token the consoles' GET /metrics requires (METRICS_TOKEN). */
  metricsToken: "e2e-metrics-scrape-token-6f0c2a9b1d",
  /**
   * Two consoles on one throw-away PostgreSQL (e2e/support/serve-replicas.ts). Both use replica B's
   * URL as APP_URL, the way replicas behind a load balancer share one public URL: an OAuth
   * callback for a test started on A lands on B.
   */
  replicaAUrl: `http://127.0.0.1:${base + 5}`,
  replicaBUrl: `http://127.0.0.1:${base + 6}`,
  replicaAPort: base + 5,
  replicaBPort: base + 6,
  replicaDataDir: path.resolve("e2e/.state/replicas"),
  replicaDatabaseUrlFile: path.resolve("e2e/.state/replicas/database-url"),
  /** What replicas must share: session signing, the encryption keyring and the audit HMAC key. */
  replicaSecrets: {
    NEXTAUTH_SECRET: "e2e-replicas-session-secret-3f9a1c7e5b2d4f60",
    ENCRYPTION_KEY: "k1:Jq3n9QeXv1mZ8pL2sT5wY7bC4dF6gH0jK2lN4pR6tU8=",
    AUDIT_HMAC_KEY: "e2e-replicas-audit-key-8c1e4a7b2d5f9e03",
  },
} as const;
