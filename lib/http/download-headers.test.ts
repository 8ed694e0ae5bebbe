import { describe, expect, it } from "vitest";
import { isCrossOriginRequest } from "@/lib/http/download-headers";

function requestFrom(site: string | null): Request {
  return new Request("http://console.example.com/api/audit/export?format=csv", {
    headers: site === null ? {} : { "sec-fetch-site": site },
  });
}

describe("isCrossOriginRequest", () => {
  it.each(["cross-site", "same-site"])("refuses a download started on another origin (%s)", (site) => {
    expect(isCrossOriginRequest(requestFrom(site))).toBe(true);
  });

  it.each(["same-origin", "none", null])(
    "lets the console's own pages, the address bar and clients without Fetch Metadata through (%s)",
    (site) => {
      expect(isCrossOriginRequest(requestFrom(site))).toBe(false);
    },
  );
});
