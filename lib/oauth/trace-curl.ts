/**
 * A recorded HTTP exchange as a curl command to replay it by hand. Built from the trace, which
 * holds only redacted values (lib/oauth/redact.ts), so secrets, codes and tokens were never
 * there to leak: each one becomes a shell variable placeholder (${CLIENT_SECRET}) the reader
 * fills in. Literal values are single-quoted (lib/oauth/shell-quote.ts).
 */
import type { HttpExchange } from "@/lib/oauth/trace";
import { quoteShellWord, type ShellPart } from "@/lib/oauth/shell-quote";

const PLACEHOLDERS: Record<string, string> = {
  client_secret: "CLIENT_SECRET",
  code: "AUTHORIZATION_CODE",
  code_verifier: "CODE_VERIFIER",
  code_challenge: "CODE_CHALLENGE",
  refresh_token: "REFRESH_TOKEN",
  access_token: "ACCESS_TOKEN",
  id_token: "ID_TOKEN",
  token: "TOKEN",
  client_assertion: "CLIENT_ASSERTION",
  state: "STATE",
  nonce: "NONCE",
};

/** True when the trace kept a stand-in instead of the value (a redaction, a prefix or a hidden parameter). */
function isRedacted(value: string): boolean {
  return value.startsWith("[redacted") || value === "[not shown]" || value.endsWith("…");
}

function placeholderFor(name: string): { variable: string } {
  return {
    variable:
      PLACEHOLDERS[name.toLowerCase()] ??
      name
        .toUpperCase()
        .replace(/[^A-Z0-9]+/g, "_")
        .replace(/^(\d)/, "_$1"),
  };
}

function parameterParts(name: string, value: string, encode: (text: string) => string): ShellPart[] {
  return [encode(name), "=", isRedacted(value) ? placeholderFor(name) : encode(value)];
}

function headerArguments(headers: Record<string, string>): string[] {
  const args: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (name === "authorization") {
      if (/^basic/i.test(value))
        args.push(`--user ${quoteShellWord([{ variable: "CLIENT_ID" }, ":", { variable: "CLIENT_SECRET" }])}`);
      else
        args.push(
          `--header ${quoteShellWord([`Authorization: ${value.split(" ")[0]} `, { variable: "ACCESS_TOKEN" }])}`,
        );
    } else if (name === "dpop") {
      args.push(`--header ${quoteShellWord(["DPoP: ", { variable: "DPOP_PROOF" }])}`);
    } else if (name !== "user-agent") {
      args.push(`--header ${quoteShellWord([`${name}: ${value}`])}`);
    }
  }
  return args;
}

export function curlForExchange(exchange: HttpExchange): string {
  const url: ShellPart[] = [exchange.url];
  Object.entries(exchange.query ?? {}).forEach(([name, value], index) => {
    url.push(index === 0 ? "?" : "&", ...parameterParts(name, value, encodeURIComponent));
  });
  const args = [`curl --request ${exchange.method}`, quoteShellWord(url), ...headerArguments(exchange.requestHeaders)];
  const body = exchange.requestBody;
  if (body && "body" in body && Object.keys(body).length === 1 && body.body.startsWith("[")) {
    args.push(`--data-binary ${quoteShellWord(["@request-body"])}`);
  } else if (body) {
    for (const [name, value] of Object.entries(body))
      args.push(`--data-urlencode ${quoteShellWord(parameterParts(name, value, (text) => text))}`);
  }
  return args.join(" \\\n  ");
}
