/** The copyable curl example of the token API on a connection's page. */
import { quoteShellWord } from "@/lib/oauth/shell-quote";

/**
 * The connection (its id, which survives a rename, or its name) is literal text (single-quoted: a `!`
 * or `$` in it reaches curl unchanged); the API key and, for per-user tokens, the user's email are the
 * reader's own shell variables.
 */
export function buildTokenApiCurl(appUrl: string, connectionIdOrName: string, perUser: boolean): string {
  const url = `${appUrl}/api/v1/connections/${encodeURIComponent(connectionIdOrName)}/token`;
  const target = quoteShellWord(perUser ? [`${url}?user=`, { variable: "USER_EMAIL" }] : [url]);
  return `curl -sS -H ${quoteShellWord(["Authorization: Bearer ", { variable: "HANDSHAKE_API_KEY" }])} ${target}`;
}

/** The dpop-proof route's example (RFC 9449): the API URL the proof is for is the reader's own variable. */
export function buildDpopProofCurl(appUrl: string, connectionIdOrName: string): string {
  const url = `${appUrl}/api/v1/connections/${encodeURIComponent(connectionIdOrName)}/dpop-proof`;
  const body = quoteShellWord(['{"htm":"GET","htu":"', { variable: "API_URL" }, '"}']);
  return `curl -sS -X POST -H ${quoteShellWord(["Authorization: Bearer ", { variable: "HANDSHAKE_API_KEY" }])} -H 'Content-Type: application/json' -d ${body} ${quoteShellWord([url])}`;
}
