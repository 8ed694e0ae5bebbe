import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { curlForExchange } from "@/lib/oauth/trace-curl";
import { quoteShellWord } from "@/lib/oauth/shell-quote";
import { buildTokenApiCurl } from "@/lib/api-keys/token-api-curl";

const NASTY = `it's $HOME and \`id\` and !! and !x and "quoted" and \\ back`;

/**
 * What bash passes to a command for `words`, read as a pasted line is: history expansion is on, as
 * in the interactive shell a reader pastes into. Each argument comes back on its own line.
 */
function argumentsSeenByBash(words: string, env: Record<string, string> = {}): string[] {
  const script = `set -o history -o histexpand\nprintf '%s\\n' ${words}\n`;
  const result = spawnSync("bash", ["--norc", "--noprofile"], {
    input: script,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  expect(result.stderr).toBe("");
  return result.stdout.split("\n").slice(0, -1);
}

describe("quoteShellWord", () => {
  it("hands literal text with !, $, backticks and quotes to bash unchanged", () => {
    expect(argumentsSeenByBash(quoteShellWord([NASTY]))).toEqual([NASTY]);
  });

  it("leaves placeholders to the reader's shell, next to literal text in the same word", () => {
    const word = quoteShellWord(["a!b'", { variable: "CLIENT_SECRET" }, "$c"]);
    expect(argumentsSeenByBash(word, { CLIENT_SECRET: "from-env" })).toEqual(["a!b'from-env$c"]);
  });

  it("quotes an empty word", () => {
    expect(argumentsSeenByBash(`${quoteShellWord([])} x`)).toEqual(["", "x"]);
  });
});

describe("Copy as cURL", () => {
  it("gives bash every literal header, body and query value as recorded", () => {
    const curl = curlForExchange({
      method: "POST",
      url: "https://idp.example.com/token",
      query: { tenant: NASTY },
      requestHeaders: { "x-note": NASTY },
      requestBody: { audience: NASTY, client_secret: "[redacted]" },
      durationMs: 1,
    });
    // Everything after `curl` as bash would pass it (line continuations included).
    const args = argumentsSeenByBash(curl.replace(/^curl /, ""), { CLIENT_SECRET: "typed-by-reader" });
    expect(args).toEqual([
      "--request",
      "POST",
      `https://idp.example.com/token?tenant=${encodeURIComponent(NASTY)}`,
      "--header",
      `x-note: ${NASTY}`,
      "--data-urlencode",
      `audience=${NASTY}`,
      "--data-urlencode",
      "client_secret=typed-by-reader",
    ]);
  });
});

describe("the token API's curl example", () => {
  it("gives bash a connection name with !, $, backticks and quotes as typed, and the reader's key and email", () => {
    const name = "Sales!force $prod `x` it's";
    const curl = buildTokenApiCurl("https://console.example.com", name, true);
    const args = argumentsSeenByBash(curl.replace(/^curl /, ""), {
      HANDSHAKE_API_KEY: "hsk_reader",
      USER_EMAIL: "alice@example.com",
    });
    expect(args).toEqual([
      "-sS",
      "-H",
      "Authorization: Bearer hsk_reader",
      `https://console.example.com/api/v1/connections/${encodeURIComponent(name)}/token?user=alice@example.com`,
    ]);
  });
});
