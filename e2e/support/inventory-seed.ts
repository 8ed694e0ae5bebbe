/** The inventory spec's connections, written by connection-store.ts ("seed-inventory") into the console's database. */
import type { InventoryConnection } from "../helpers/seed-connection";

type InventorySeed = { createdByEmail: string; connections: InventoryConnection[] };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Connections for the inventory spec: health, last test, secret age and token expiry set as if
 * time had passed. Secrets and tokens are real envelopes, so key rotation can re-seal them.
 */
export async function seedInventory(input: InventorySeed): Promise<string[]> {
  // Imported here, after connection-store.ts pointed the configuration at the console's database.
  const [{ prisma }, { encryptSecret }] = await Promise.all([
    import("../../lib/db/prisma"),
    import("../../lib/crypto/secret-box"),
  ]);
  const { seedConnectionRow } = await import("../../lib/testing/seed-connection-row");
  const creator = await prisma.user.findUnique({ where: { email: input.createdByEmail }, select: { id: true } });
  const ago = (days: number) => new Date(Date.now() - days * DAY_MS);
  const ids: string[] = [];
  for (const c of input.connections) {
    const { id } = await seedConnectionRow(
      prisma,
      { name: c.name, grantType: c.grantType ?? "client_credentials", clientId: "client" },
      {
        clientSecret: c.secretDaysOld === undefined ? undefined : "seeded-inventory-secret-abcd",
        row: {
          status: c.status ?? "ACTIVE",
          health: c.health ?? "NOT_TESTED",
          healthProblem: c.problem
            ? JSON.stringify({
                source: c.problem.source,
                title: c.problem.title,
                code: null,
                at: ago(c.problem.daysAgo).toISOString(),
                by: c.problem.by ?? null,
              })
            : null,
          lastTestedAt: c.lastTestedDaysAgo === undefined ? null : ago(c.lastTestedDaysAgo),
          createdById: creator?.id ?? null,
          updatedById: creator?.id ?? null,
          createdAt: ago(1),
        },
      },
    );
    ids.push(id);
    // The secret's age as if time had passed since it was entered.
    if (c.secretDaysOld !== undefined)
      await prisma.connection.update({ where: { id }, data: { clientSecretSetAt: ago(c.secretDaysOld) } });
    if (c.token) {
      const tokenSetId = `${id}-token`;
      await prisma.tokenSet.create({
        data: {
          id: tokenSetId,
          connectionId: id,
          ownerKey: "shared",
          accessTokenEncrypted: encryptSecret("seeded-access-token", { recordId: tokenSetId, field: "accessToken" }),
          refreshTokenEncrypted: c.token.refreshToken
            ? encryptSecret("seeded-refresh-token", { recordId: tokenSetId, field: "refreshToken" })
            : null,
          expiresAt: ago(-c.token.expiresInDays),
          createdAt: ago(1),
        },
      });
    }
  }
  return ids;
}
