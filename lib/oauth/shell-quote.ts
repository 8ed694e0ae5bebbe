/**
 * Shell words for commands the console shows for copying (Copy as cURL, the token API example).
 * Literal text goes in single quotes, where bash and zsh expand nothing: inside double quotes an
 * interactive shell still expands `!` (history expansion) and, unless escaped, `$` and backticks.
 * Placeholders stay outside them as "${NAME}", so the reader's own variables fill them in.
 */

/** A piece of one shell word: literal text, or a variable the reader's shell expands. */
export type ShellPart = string | { variable: string };

function singleQuoted(text: string): string {
  // A single quote cannot appear inside single quotes: close, add an escaped one, reopen.
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** One shell word: adjacent quoted pieces join into a single argument. */
export function quoteShellWord(parts: ShellPart[]): string {
  // Neighbouring literal pieces share one pair of quotes, so the word stays readable.
  const merged: ShellPart[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (typeof part === "string" && typeof last === "string") merged[merged.length - 1] = last + part;
    else merged.push(part);
  }
  if (merged.length === 0) return "''";
  return merged.map((part) => (typeof part === "string" ? singleQuoted(part) : `"\${${part.variable}}"`)).join("");
}
