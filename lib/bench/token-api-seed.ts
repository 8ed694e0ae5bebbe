/**
 * The token API benchmark's fleet: N client-credentials connections, each with a cached shared
 * token valid for an hour (so no request refreshes), written as a test stores them (sealed, bound
 * to what issued them). And the resident memory of the console's process tree (npm start's
 * process and the Next.js server it starts), read from /proc, for the bound of any cache.
 */
import fs from "node:fs";
import type { Prisma, PrismaClient } from "@/lib/db/generated/client";
import { seededConnectionColumns, seededSecretColumns } from "@/lib/testing/seed-connection-row";

const CHUNK = 500;

export async function seedCachedConnections(
  prisma: PrismaClient,
  options: { count: number; issuer: string; tokenUrl: string; clientId: string; clientSecret: string },
): Promise<string[]> {
  const { storeTokenSet, SHARED_OWNER } = await import("@/lib/tokens/token-store");
  const { tokenBindingOf } = await import("@/lib/tokens/token-binding");
  const { prismaSqlRunner } = await import("@/lib/db/raw-sql");
  const names: string[] = [];
  const now = Date.now();
  for (let start = 0; start < options.count; start += CHUNK) {
    const rows: Prisma.ConnectionUncheckedCreateInput[] = [];
    for (let i = start; i < Math.min(options.count, start + CHUNK); i++) {
      const id = `benchcc${String(i).padStart(6, "0")}`;
      const name = `fleet-${String(i).padStart(6, "0")}`;
      const columns = seededConnectionColumns(
        {
          name,
          grantType: "client_credentials",
          clientId: options.clientId,
          scopes: [],
          issuer: options.issuer,
          discoveryMetadata: { issuer: options.issuer },
          tokenUrl: options.tokenUrl,
        },
        { id },
      );
      rows.push({ ...columns, ...(await seededSecretColumns(id, options.clientSecret, columns)) });
      names.push(name);
    }
    await prisma.connection.createMany({ data: rows });
    await prisma.$transaction(
      async (tx) => {
        for (const row of rows) {
          await storeTokenSet(prismaSqlRunner(tx), {
            connectionId: row.id!,
            ownerKey: SHARED_OWNER,
            userId: null,
            tokens: {
              accessToken: `cached-token-of-${row.id}`,
              tokenType: "Bearer",
              expiresAt: new Date(now + 3_600_000),
              obtainedAt: new Date(now),
              refreshCount: 0,
              refreshTokenRotations: 0,
            },
            binding: tokenBindingOf({
              issuer: row.issuer ?? null,
              tokenUrl: row.tokenUrl ?? null,
              discoveryMetadata: row.discoveryMetadata ?? null,
              clientId: row.clientId ?? "",
            } as Parameters<typeof tokenBindingOf>[0]),
          });
        }
        // A loaded machine may take longer than the default 5 s for 500 rows.
      },
      { timeout: 120_000 },
    );
  }
  return names;
}

function childrenOf(pid: number): number[] {
  try {
    return fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((task) => fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim().split(/\s+/))
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

function treeOf(pid: number): number[] {
  return [pid, ...childrenOf(pid).flatMap((c) => [c, ...childrenOf(c)])];
}

/** Resident memory of a process and all its descendants, in MB (Linux /proc). */
export function treeResidentMb(pid: number): number {
  let kb = 0;
  for (const p of treeOf(pid)) {
    try {
      const line = fs.readFileSync(`/proc/${p}/status`, "utf8").match(/^VmRSS:\s+(\d+)/m);
      kb += Number(line?.[1] ?? 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return kb / 1024;
}

/**
 * CPU seconds (user and system) a process and its descendants have used so far (Linux /proc).
 * The difference over a run, per request, is steadier than requests/s on a shared 2-core machine.
 */
export function treeCpuSeconds(pid: number): number {
  const ticksPerSecond = 100;
  let ticks = 0;
  for (const p of treeOf(pid)) {
    try {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const fields = fs.readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / ticksPerSecond;
}
