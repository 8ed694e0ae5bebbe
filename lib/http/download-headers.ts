/** Headers of a file download that must not be cached or sniffed into something else. */
export function downloadHeaders(contentType: string, filename: string): HeadersInit {
  return {
    "Content-Type": contentType,
    "Content-Disposition": `attachment; filename="${filename}"`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
}

/** UTC timestamp for file names: 20260131-235959. */
export function fileTimestamp(now = new Date()): string {
  return now.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
}

/**
 * Refuses a download started from another site (Fetch Metadata): a cross-site link must not make
 * a signed-in auditor's browser fetch, and audit, an export.
 */
export function isCrossSiteRequest(request: Request): boolean {
  return request.headers.get("sec-fetch-site") === "cross-site";
}

export function plainTextResponse(message: string, status: number): Response {
  return new Response(`${message}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
