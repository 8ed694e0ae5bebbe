/**
 * Connections for the test-connection specs, written straight into the main e2e console's
 * database with the app's own Prisma client and secret box (the wizard creates them in the
 * happy-path specs once it lands). Also reads back what the app stored, for assertions and the
 * leak test: the test process shares the console's data directory and so its keys.
 */
import { E2E } from "../support/env";

// Before the app's modules read their configuration: the same data directory as the console.
process.env.DATA_DIR = E2E.appDataDir;
process.env.DATABASE_URL = "";
process.env.APP_URL = E2E.appUrl;

async function app() {
  const [{ prisma }, secretBox] = await Promise.all([import("../../lib/db/prisma"), import("../../lib/crypto/secret-box")]);
  return { prisma, ...secretBox };
}

export type SeedConnection = {
  name?: string;
  grantType: "client_credentials" | "authorization_code" | "authorization_code_pkce";
  clientId: string;
  clientSecret?: string;
  clientAuthMethod?: "client_secret_basic" | "client_secret_post" | "none";
  scopes?: string[];
  resource?: string;
  tokenSharing?: "SHARED" | "PER_USER";
  /** Defaults to the test authorization server, set up from discovery. */
  issuer?: string;
};

let counter = 0;

export async function seedConnection(input: SeedConnection): Promise<{ id: string; name: string }> {
  const { prisma, encryptSecret } = await app();
  counter += 1;
  const name = input.name ?? `e2e ${input.clientId} ${process.pid}-${Date.now().toString(36)}-${counter}`;
  const issuer = input.issuer ?? E2E.oidcIssuer;
  const created = await prisma.connection.create({
    data: {
      name,
      status: "ACTIVE",
      grantType: input.grantType,
      pkceMethod: "S256",
      issuer,
      discoveryMetadata: JSON.stringify({ issuer }),
      discoveredAt: new Date(),
      clientId: input.clientId,
      clientAuthMethod: input.clientAuthMethod ?? (input.clientSecret ? "client_secret_basic" : "none"),
      scopes: JSON.stringify(input.scopes ?? []),
      resource: input.resource ?? null,
      tokenSharing: input.tokenSharing ?? "SHARED",
    },
    select: { id: true, name: true },
  });
  if (input.clientSecret) {
    await prisma.connection.update({
      where: { id: created.id },
      data: {
        clientSecretEncrypted: encryptSecret(input.clientSecret, { recordId: created.id, field: "clientSecret" }),
        clientSecretLast4: input.clientSecret.slice(-4),
        clientSecretSetAt: new Date(),
      },
    });
  }
  return created;
}

export async function connectionHealth(connectionId: string): Promise<string> {
  const { prisma } = await app();
  return (await prisma.connection.findUniqueOrThrow({ where: { id: connectionId }, select: { health: true } })).health;
}

/** Decrypted tokens of every stored token set of a connection. */
export async function storedTokens(connectionId: string): Promise<string[]> {
  const { prisma, decryptSecret } = await app();
  const sets = await prisma.tokenSet.findMany({ where: { connectionId } });
  return sets.flatMap((set) =>
    (["accessToken", "refreshToken", "idToken"] as const).flatMap((field) => {
      const envelope = set[`${field}Encrypted`];
      return envelope ? [decryptSecret(envelope, { recordId: set.id, field })] : [];
    }),
  );
}

/** Decrypted PKCE verifiers of the connection's (consumed) pending authorizations. */
export async function storedVerifiers(connectionId: string): Promise<string[]> {
  const { prisma, decryptSecret } = await app();
  const pending = await prisma.pendingAuthorization.findMany({ where: { connectionId } });
  return pending.flatMap((p) => (p.codeVerifierEncrypted ? [decryptSecret(p.codeVerifierEncrypted, { recordId: p.id, field: "codeVerifier" })] : []));
}

/** Everything stored about tests and their audit trail, as text, for the leak search. */
export async function storedTestRecords(): Promise<string> {
  const { prisma } = await app();
  const [runs, events] = await Promise.all([prisma.testRun.findMany(), prisma.auditEvent.findMany()]);
  return JSON.stringify([runs, events]);
}
