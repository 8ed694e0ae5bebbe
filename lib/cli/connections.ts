/**
 * Connections as code (#23 item 5); the file format is in lib/connections-file/connections-file-schema.ts.
 *
 * npm run connections -- export [--names a,b] [--format json|yaml]   print the connections file (no secret in it)
 * npm run connections -- plan FILE [--prune]     what applying FILE would change; changes nothing
 * npm run connections -- apply FILE [--prune]    apply FILE all or nothing, audited with its checksum
 *
 * Secrets are read from the environment variables the file names ({"env": "HANDSHAKE_SECRET_…"}).
 * Exit status: 0 done, 1 the file was refused (every error is printed by path), 2 a wrong invocation.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { CLI_ACTOR, loadConfigOrExit, runAgainstDatabase, usageFor } from "@/lib/cli/cli-support";
import type { FileError } from "@/lib/connections-file/connections-file-schema";
import type { ImportPlan, PlanEntry } from "@/lib/connections-file/plan-import";

const usage = usageFor([
  "usage: npm run connections -- export [--names a,b] [--format json|yaml]",
  "       npm run connections -- plan FILE [--prune]",
  "       npm run connections -- apply FILE [--prune]",
]);

const MARK: Record<PlanEntry["action"], string> = { create: "+", update: "~", unchanged: "=", delete: "-" };

/** The plan as a person reads it: one line per connection, one line per changed field. */
function formatPlan(plan: ImportPlan): string {
  const lines: string[] = [];
  for (const entry of plan.entries) {
    lines.push(`${MARK[entry.action]} ${entry.action} ${entry.name}`);
    if (entry.action === "update")
      for (const c of entry.changes)
        lines.push(
          c.field === "clientSecret"
            ? `    ${c.label}: changed`
            : `    ${c.label}: ${c.before ?? "(empty)"} → ${c.after ?? "(empty)"}`,
        );
  }
  const count = (action: PlanEntry["action"]) => plan.entries.filter((e) => e.action === action).length;
  lines.push(
    `Plan: ${count("create")} to create, ${count("update")} to update, ${count("delete")} to delete, ${count("unchanged")} unchanged (file sha256 ${plan.checksum}).`,
  );
  return lines.join("\n");
}

function printErrors(errors: FileError[]): void {
  console.error(`The file was refused (${errors.length} error${errors.length === 1 ? "" : "s"}); nothing was changed:`);
  for (const error of errors) console.error(`  ${error.path}: ${error.message}`);
}

function readFileOrExit(file: string | undefined): string {
  if (!file) return usage("Name the connections file.");
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    return usage(`Cannot read ${file}: ${(error as Error).message}`);
  }
}

async function run(command: string | undefined, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { names: { type: "string" }, format: { type: "string" }, prune: { type: "boolean" } },
  });
  if (command === "export") {
    const format = values.format ?? "json";
    if (format !== "json" && format !== "yaml") return usage("--format is json or yaml.");
    const { exportConnections, formatConnectionsFile } = await import("@/lib/connections-file/export-connections");
    const names = values.names
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    process.stdout.write(formatConnectionsFile(await exportConnections({ names }), format));
    return 0;
  }
  if (command === "plan" || command === "apply") {
    const text = readFileOrExit(positionals[0]);
    const options = { prune: values.prune ?? false, env: process.env };
    if (command === "plan") {
      const { planImport } = await import("@/lib/connections-file/plan-import");
      const plan = await planImport(text, options);
      if (plan.errors.length) return (printErrors(plan.errors), 1);
      console.log(formatPlan(plan));
      return 0;
    }
    const { applyImport } = await import("@/lib/connections-file/apply-import");
    const result = await applyImport(text, { ...options, actor: CLI_ACTOR });
    if (!result.ok) return (printErrors(result.errors), 1);
    console.log(formatPlan(result.plan));
    console.log("Applied.");
    return 0;
  }
  return usage();
}

async function main() {
  loadConfigOrExit(usage);
  const { ApplicationError } = await import("@/lib/errors/application-error");
  await runAgainstDatabase(ApplicationError, async () => {
    process.exitCode = await run(process.argv[2], process.argv.slice(3));
  });
}

void main();
