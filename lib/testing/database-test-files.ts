/**
 * The test files that open a database: those whose imports reach lib/testing/test-database.ts.
 * The PostgreSQL suite runs only these; the rest never touch a database and pass or fail the same
 * on either, so the SQLite suite runs them once. So are files that always open SQLite
 * (createSqliteTestDatabase): the PostgreSQL suite would only run them again on SQLite.
 */
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const DATABASE_MODULE = path.join(ROOT, "lib/testing/test-database.ts");
const IMPORT = /(?:from\s+|import\s*\(\s*)["']((?:@\/|\.\.?\/)[^"']+)["']/g;
const ALWAYS_SQLITE = /\bcreateSqliteTestDatabase\(/;

function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(ROOT, specifier.slice(2))
    : path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function reachesDatabase(file: string, memo: Map<string, boolean>): boolean {
  const known = memo.get(file);
  if (known !== undefined) return known;
  memo.set(file, false); // an import circle does not reach it through itself
  const source = fs.readFileSync(file, "utf8");
  const reaches = [...source.matchAll(IMPORT)].some(([, specifier]) => {
    const target = resolveImport(file, specifier!);
    return target !== null && (target === DATABASE_MODULE || reachesDatabase(target, memo));
  });
  memo.set(file, reaches);
  return reaches;
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

/** The test files under `folders` (relative to the project root) that open a database, as relative paths for Vitest's include. */
export function databaseTestFiles(folders: string[], suffixes: string[]): string[] {
  const memo = new Map<string, boolean>();
  return folders
    .flatMap((folder) => listFiles(path.join(ROOT, folder)))
    .filter((file) => suffixes.some((suffix) => file.endsWith(suffix)) && reachesDatabase(file, memo))
    .filter((file) => !ALWAYS_SQLITE.test(fs.readFileSync(file, "utf8")))
    .map((file) => path.relative(ROOT, file));
}
