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
