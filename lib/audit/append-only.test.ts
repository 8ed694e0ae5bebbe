import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const SOURCE_DIRS = ["app", "components", "lib"];
const SKIP = [path.join("lib", "db", "generated"), path.join("lib", "db", "generated-postgres")];
/** Retention pruning is the one way events leave the trail. */
const ALLOWED = new Set([path.join("lib", "audit", "prune-audit-events.ts")]);
const WRITES = [
  /\bauditEvent\s*\.\s*(update|updateMany|upsert|delete|deleteMany)\b/,
  /\b(UPDATE|DELETE\s+FROM)\s+["'`]?AuditEvent\b/i,
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (SKIP.includes(relative)) return [];
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [relative] : [];
  });
}

describe("the audit trail is append-only", () => {
  it("no application code edits or deletes events, except retention pruning", () => {
    const files = SOURCE_DIRS.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter(
      (file) => !ALLOWED.has(file) && WRITES.some((re) => re.test(fs.readFileSync(path.join(ROOT, file), "utf8"))),
    );
    expect(offenders).toEqual([]);
    expect(WRITES[0]!.test(fs.readFileSync(path.join(ROOT, "lib/audit/prune-audit-events.ts"), "utf8"))).toBe(true);
  });
});
