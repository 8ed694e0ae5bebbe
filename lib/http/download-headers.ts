/** Headers of a file download that must not be cached or sniffed into something else. */
function downloadHeaders(contentType: string, filename: string, cacheControl = "no-store"): HeadersInit {
  return {
    "Content-Type": contentType,
    "Content-Disposition": `attachment; filename="${filename}"`,
    "Cache-Control": cacheControl,
    "X-Content-Type-Options": "nosniff",
  };
}

/** A file download (an export, a trace) with the headers above. */
export function downloadResponse(body: BodyInit, contentType: string, filename: string): Response {
  return new Response(body, { headers: downloadHeaders(contentType, filename) });
}

/**
 * A download of any size, streamed, and sent uncompressed: `next start` gzips text/* bodies on the
 * fly at about 20 MB/s on one core, about half of what the audit export streams at
 * (npm run bench:audit). `no-transform` is the header its compression skips for (RFC 9111 §5.2.2.6).
 */
export function streamedDownloadResponse(body: ReadableStream<Uint8Array>, contentType: string, filename: string) {
  return new Response(body, { headers: downloadHeaders(contentType, filename, "no-store, no-transform") });
}

/** UTC timestamp for file names: 20260131-235959. */
export function fileTimestamp(now = new Date()): string {
  return now.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
}

/**
 * Refuses a download another origin started (Fetch Metadata): a link elsewhere must not make a
 * signed-in auditor's browser fetch, and audit, an export. `same-site` counts as foreign too: it is
 * any origin of the same registrable domain (a sibling subdomain, another port), which the console
 * does not control. `same-origin` (its own pages), `none` (the address bar, a bookmark) and no
 * header (curl, browsers without Fetch Metadata) pass.
 */
export function isCrossOriginRequest(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  return site === "cross-site" || site === "same-site";
}

export function plainTextResponse(message: string, status: number): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** A filter an export cannot run with: one `field: message` line for each refused field. */
export function refusedFilterResponse(
  fieldErrors: Partial<Record<string, string>>,
  ...otherErrors: (string | undefined)[]
): Response {
  const messages = [...Object.entries(fieldErrors).map(([field, message]) => `${field}: ${message}`), ...otherErrors];
  return plainTextResponse(`The filter cannot be exported.\n${messages.filter(Boolean).join("\n")}`, 400);
}
