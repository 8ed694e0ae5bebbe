/**
 * The one-time setup code, boxed and printed again once the server is ready: on a first start
 * it is otherwise buried under the build output that follows it.
 */

/** Next.js logs "✓ Ready in 1234ms" once the server accepts requests. */
export function isServerReadyLine(line: string): boolean {
  return /\bReady in\b/.test(line);
}

export function formatSetupCodeBanner(input: { code: string; setupUrl: string }): string {
  const lines = [
    "No users yet. Open",
    input.setupUrl,
    "and enter this one-time setup code:",
    "",
    `setup code: ${input.code}`,
  ];
  const width = Math.max(...lines.map((line) => line.length));
  const rule = "─".repeat(width + 2);
  return [`┌${rule}┐`, ...lines.map((line) => `│ ${line.padEnd(width)} │`), `└${rule}┘`]
    .map((line) => `[handshake] ${line}`)
    .join("\n");
}
