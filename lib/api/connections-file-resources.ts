/**
 * /api/v1/connections-file: the connections file (lib/connections-file/) through the API gate, so
 * a CI pipeline exports, plans and applies as the CLI does. Least privilege: a key limited to
 * chosen connections exports only those and may not plan or apply at all (a plan would reveal,
 * and a prune delete, connections it cannot see); secrets come from the server's environment.
 */
import { z } from "zod";
import { prisma as db } from "@/lib/db/prisma";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import type { AuthenticatedApiKey } from "@/lib/api-keys/authenticate-api-key";
import { NO_STORE } from "@/lib/http/no-store";
import { ApplicationError } from "@/lib/errors/application-error";
import { ApiProblem } from "@/lib/api/api-problem";
import { visibleConnections } from "@/lib/api/connection-resources";
import { optionalQueryText } from "@/lib/api/resource-schemas";
import { TokenApiProblem } from "@/lib/tokens/problem-response";
import type { FileError } from "@/lib/connections-file/connections-file-schema";
import { exportConnections, formatConnectionsFile } from "@/lib/connections-file/export-connections";
import { planImport, type ImportPlan } from "@/lib/connections-file/plan-import";
import { applyImport } from "@/lib/connections-file/apply-import";

type Key = Pick<AuthenticatedApiKey, "id" | "allConnections">;

/** A file of ten thousand connections is a few megabytes. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

export const exportQuerySchema = z.object({
  names: optionalQueryText(
    10_000,
    "Connection names, comma-separated (ignoring case); all the key may read when left out.",
  ),
  format: z.enum(["json", "yaml"]).default("json"),
});

export const importQuerySchema = z.object({
  prune: z
    .enum(["true", "false"])
    .default("false")
    .meta({ description: "true: also delete the active connections the file leaves out." }),
  checksum: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional()
    .meta({ description: "apply only: the checksum of the plan you reviewed; a different file is refused." }),
});

const planChangeSchema = z.object({
  field: z.string(),
  label: z.string().meta({ description: "The field's label in the console." }),
  before: z.string().nullable(),
  after: z.string().nullable().meta({ description: 'A secret shows only "changed", never a value.' }),
});

export const importPlanSchema = z
  .object({
    checksum: z.string().meta({ description: "sha256 of the file, hex; audit events of the apply carry it." }),
    entries: z.array(
      z.object({
        name: z.string(),
        action: z.enum(["create", "update", "unchanged", "delete"]),
        changes: z.array(planChangeSchema),
      }),
    ),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).max(0),
  })
  .meta({ description: "What applying the file does (plan) or did (apply), per connection, by name." });

export async function exportConnectionsFileForApi(key: Key, query: z.output<typeof exportQuerySchema>) {
  const connectionIds = key.allConnections
    ? undefined
    : (await db.connection.findMany({ where: visibleConnections(key), select: { id: true } })).map((c) => c.id);
  const names = query.names
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  let file;
  try {
    file = await exportConnections({ names, connectionIds });
  } catch (error) {
    // The same answer whether the name does not exist or the key may not read it.
    if (error instanceof ApplicationError && error.code === "not_found")
      throw new ApiProblem("connection-not-found", error.message);
    throw error;
  }
  const type = query.format === "yaml" ? "application/yaml" : "application/json";
  return new Response(formatConnectionsFile(file, query.format), {
    headers: { ...NO_STORE, "content-type": `${type}; charset=utf-8` },
  });
}

function refuseRestricted(key: Key) {
  if (!key.allConnections)
    throw new TokenApiProblem(
      "missing-permission",
      "A key limited to chosen connections cannot plan or apply a connections file: a plan covers every connection. An admin creates a key for all connections.",
    );
}

async function readFileBody(request: Request): Promise<string> {
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_FILE_BYTES)
    throw new ApiProblem("invalid-request", `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`);
  return text;
}

function refused(errors: FileError[]): ApiProblem {
  return new ApiProblem(
    "invalid-request",
    `The connections file was refused (${errors.length} error${errors.length === 1 ? "" : "s"}); nothing was changed.`,
    { errors: errors.map((e) => ({ field: e.path, message: e.message })) },
  );
}

export async function planConnectionsFileForApi(
  key: Key,
  request: Request,
  query: z.output<typeof importQuerySchema>,
): Promise<ImportPlan> {
  refuseRestricted(key);
  const plan = await planImport(await readFileBody(request), { prune: query.prune === "true" });
  if (plan.errors.length) throw refused(plan.errors);
  return plan;
}

export async function applyConnectionsFileForApi(
  key: Key,
  actor: AuditActor,
  request: Request,
  query: z.output<typeof importQuerySchema>,
): Promise<ImportPlan> {
  refuseRestricted(key);
  const result = await applyImport(await readFileBody(request), {
    prune: query.prune === "true",
    actor,
    expectedChecksum: query.checksum,
  });
  if (!result.ok) throw refused(result.errors);
  return result.plan;
}
