/**
 * Reads token endpoint answers from providers that bend RFC 6749 §5.1/§5.2: an error object sent
 * with HTTP 200, or JSON (error or token) labelled text/plain or text/html. The response is
 * handed to openid-client in the standard shape (an error as 400 application/json) and a note
 * says what the provider actually sent; the trace, recorded beneath this wrapper, keeps the
 * original status and content type.
 */
import { peekResponseText, type GuardedFetch } from "@/lib/net/guarded-fetch";

export function lenientTokenResponses(
  base: GuardedFetch,
  tokenEndpoint: string | undefined,
  note: (text: string) => void,
): GuardedFetch {
  return async (url, init) => {
    const response = await base(url, init);
    if (!tokenEndpoint || url !== tokenEndpoint || (init?.method ?? "GET").toUpperCase() !== "POST") return response;
    const body = await jsonObjectOf(response);
    if (!body) return response;
    const isError = typeof body.error === "string";
    const contentType = response.headers.get("content-type") ?? "";
    const jsonLabelled = /^application\/([\w.+-]*\+)?json/i.test(contentType.trim());
    const okStatus = response.status >= 200 && response.status < 300;
    if (jsonLabelled && !(isError && okStatus)) return response;

    const status = isError && okStatus ? 400 : response.status;
    if (isError && okStatus) {
      note(
        `The provider sent its error (“${String(body.error).slice(0, 80)}”) with HTTP ${response.status}; RFC 6749 §5.2 says 400. Handshake read it as an error.`,
      );
    }
    if (!jsonLabelled) {
      note(
        `The provider sent JSON labelled ${contentType || "without a content type"}; RFC 6749 §5.1 says application/json. Handshake read it as JSON.`,
      );
    }
    const headers = new Headers(response.headers);
    headers.set("content-type", "application/json");
    return new Response(JSON.stringify(body), { status, statusText: response.statusText, headers });
  };
}

async function jsonObjectOf(response: Response): Promise<Record<string, unknown> | undefined> {
  const text = await peekResponseText(response);
  if (!text.trim().startsWith("{")) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
