/**
 * Connection rows for tests, the e2e store and the benchmarks, written as the wizard's save writes
 * them: the settings through the field registry's codecs (lib/connections/connection-record.ts)
 * and the client secret sealed by the save path's own secretColumns, so a new field or a storage
 * change is made once. Columns outside the registry (status, health, dates, creator) pass as given.
 */
import type { Connection, Prisma, PrismaClient } from "@/lib/db/generated/client";
import { connectionColumnsFrom } from "@/lib/connections/connection-record";
import type { ConnectionInput } from "@/lib/schemas/connection";
import type { Tx } from "@/lib/db/prisma";

/** A connection's settings as validated input; the name is required, the secret is sealed separately. */
export type SeedSettings = Partial<Omit<ConnectionInput, "clientSecret">> & { name: string };

type RegistryColumn = keyof ReturnType<typeof connectionColumnsFrom> | "name" | "nameKey";
/** The columns a seed may set as they are: lifecycle, health, dates, creator, a chosen id. */
export type SeedRowColumns = Omit<Partial<Prisma.ConnectionUncheckedCreateInput>, RegistryColumn>;

/** The create data of a seeded connection, ACTIVE unless `row` says otherwise. */
export function seededConnectionColumns(
  settings: SeedSettings,
  row: SeedRowColumns = {},
): Prisma.ConnectionUncheckedCreateInput {
  return { status: "ACTIVE", ...row, ...connectionColumnsFrom(settings), name: settings.name };
}

/** The columns that seal `secret` for the row, as a save stores a typed secret. */
export async function seededSecretColumns(
  connectionId: string,
  secret: string,
  row: Prisma.ConnectionUncheckedCreateInput,
) {
  // Imported when used: the secret box reads its keys from the environment the caller sets up first.
  const { secretColumns } = await import("@/lib/connections/connection-writes");
  const binding = {
    tokenUrl: row.tokenUrl ?? null,
    issuer: row.issuer ?? null,
    discoveryMetadata: row.discoveryMetadata ?? null,
  };
  return secretColumns(connectionId, { kind: "set", value: secret }, null, binding);
}

/** Creates a connection row, then seals its client secret with the row id, as saveConnectionDraft does. */
export async function seedConnectionRow(
  db: Pick<PrismaClient, "connection">,
  settings: SeedSettings,
  options: { clientSecret?: string; row?: SeedRowColumns } = {},
): Promise<Connection> {
  const data = seededConnectionColumns(settings, options.row);
  const created = await db.connection.create({ data });
  const sealed = options.clientSecret
    ? await db.connection.update({
        where: { id: created.id },
        data: await seededSecretColumns(created.id, options.clientSecret, data),
      })
    : created;
  if (!sealed.useDpop) return sealed;
  // A save generates the DPoP key pair when DPoP is on (lib/connections/connection-dpop-key.ts).
  const { ensureDpopKey } = await import("@/lib/connections/connection-dpop-key");
  return ensureDpopKey(db as Tx, sealed);
}
