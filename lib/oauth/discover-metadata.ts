/**
 * Fetches a provider's metadata from its issuer URL: OpenID Connect Discovery
 * (/.well-known/openid-configuration) first, then RFC 8414 (/.well-known/oauth-authorization-server).
 * The document's issuer must equal the issuer URL exactly (OIDC Discovery §4.3, RFC 8414 §3.3).
 * Every request goes through the guarded fetch. Some servers publish the document only under a
 * trailing slash and redirect to it: redirects on the issuer's origin are followed (at most
 * MAX_REDIRECTS hops) and reported; one to another origin is named, never followed.
 * UI-free: failures come back as plain messages.
 */
import * as oc from "openid-client";
import { guardedFetch, type GuardedFetch } from "@/lib/net/guarded-fetch";
import { diagnoseError } from "@/lib/diagnosis/diagnose-error";
import { diagnosisFrom, fixedDiagnosis, type Diagnosis } from "@/lib/diagnosis/diagnosis";
import { DISCOVERY_DIAGNOSES } from "@/lib/diagnosis/discovery";
import type { DiscoverySummary } from "@/lib/oauth/discovery-summary";

export type AuthorizationServerMetadata = oc.ServerMetadata;

type DiscoverySource = "openid-configuration" | "oauth-authorization-server";

/** `redirects`: the same-origin hops followed ("from → to (status)"); `movedTo`: an off-origin location, not followed. */
export type DiscoveryResult =
  | { ok: true; metadata: AuthorizationServerMetadata; source: DiscoverySource; url: string; redirects?: string[] }
  | { ok: false; message: string; detail?: string; diagnosis: Diagnosis; movedTo?: string };

const MAX_REDIRECTS = 2;

const OIDC_SUFFIX = "/.well-known/openid-configuration";
const OAUTH_SUFFIX = "/.well-known/oauth-authorization-server";

/** What Import from discovery hands the wizard. */
export type DiscoveryImport = {
  metadata: DiscoverySummary;
  source: "openid-configuration" | "oauth-authorization-server";
  url: string;
  redirects?: string[];
};

/** Import from discovery when the document moved off the issuer's origin: the location to offer, not followed. */
export type DiscoveryMoved = { movedTo: string; message: string };

export async function discoverMetadata(
  issuerUrl: string,
  options: { fetch?: GuardedFetch } = {},
): Promise<DiscoveryResult> {
  const fetch = options.fetch ?? guardedFetch;
  let issuer: URL;
  try {
    issuer = issuerFromInput(issuerUrl.trim());
  } catch {
    const diagnosis = fixedDiagnosis(DISCOVERY_DIAGNOSES.invalid_issuer_url);
    return { ok: false, message: diagnosis.cause, detail: diagnosis.fix, diagnosis };
  }

  const attempts: { source: DiscoverySource; algorithm: "oidc" | "oauth2" }[] = [
    { source: "openid-configuration", algorithm: "oidc" },
    { source: "oauth-authorization-server", algorithm: "oauth2" },
  ];
  const failures: { source: DiscoverySource; url: string; error: unknown }[] = [];
  const hops: Hop[] = [];
  for (const { source, algorithm } of attempts) {
    const url = wellKnownUrl(issuer, algorithm);
    hops.length = 0;
    try {
      const config = await oc.discovery(issuer, "handshake-discovery", undefined, oc.None(), {
        algorithm,
        [oc.customFetch]: followSameOriginRedirects(fetch, hops),
        // The guarded fetch decides which protocols are allowed (OUTBOUND_ALLOW_HTTP).
        execute: [oc.allowInsecureRequests],
        timeout: 10,
      });
      const followed = hops.filter((h) => h.followed);
      if (followed.length === 0) return { ok: true, metadata: config.serverMetadata(), source, url };
      return {
        ok: true,
        metadata: config.serverMetadata(),
        source,
        url: followed.at(-1)!.to,
        redirects: followed.map((h) => `${h.from} → ${h.to} (${h.status})`),
      };
    } catch (error) {
      const offOrigin = hops.find((h) => !h.followed && new URL(h.to).origin !== new URL(h.from).origin);
      if (offOrigin) {
        const diagnosis = diagnosisFrom(
          DISCOVERY_DIAGNOSES.discovery_moved,
          { from: offOrigin.from, status: String(offOrigin.status), to: offOrigin.to },
          { details: { location: offOrigin.to } },
        );
        return { ok: false, message: diagnosis.cause, detail: diagnosis.fix, diagnosis, movedTo: offOrigin.to };
      }
      failures.push({ source, url, error });
      // Only "no such document here" moves on to the other well-known path; anything else
      // (unreachable, blocked, wrong issuer, timeout) would fail the same way again.
      if (!isMissingDocument(error)) break;
    }
  }

  const bothMissing = failures.length === 2 && failures.every((f) => responseStatus(f.error) === 404);
  if (bothMissing) {
    const diagnosis = diagnosisFrom(
      DISCOVERY_DIAGNOSES.discovery_not_found,
      { oidcUrl: failures[0]!.url, oauthUrl: failures[1]!.url },
      { details: { tried: failures.map((f) => f.url).join(" , ") } },
    );
    return { ok: false, message: diagnosis.cause, detail: diagnosis.fix, diagnosis };
  }
  // Report the most informative failure: a document that exists but is wrong beats a 404.
  const reported = failures.find((f) => responseStatus(f.error) !== 404) ?? failures[0]!;
  const diagnosis = await diagnoseError(reported.error, {
    stage: "discovery",
    grantType: "",
    clientAuthMethod: "",
    callbackUrl: "",
    issuer: issuer.href,
    scopes: [],
  });
  const cause = `${reported.url}: ${diagnosis.cause}`;
  return { ok: false, message: cause, detail: diagnosis.fix, diagnosis: { ...diagnosis, cause } };
}

/** Accepts the issuer, or a well-known URL pasted in its place, and returns the issuer. */
function issuerFromInput(input: string): URL {
  const url = new URL(input);
  url.hash = "";
  url.search = "";
  if (url.pathname.endsWith(OIDC_SUFFIX)) {
    url.pathname = url.pathname.slice(0, -OIDC_SUFFIX.length) || "/";
  } else if (url.pathname.startsWith(OAUTH_SUFFIX)) {
    url.pathname = url.pathname.slice(OAUTH_SUFFIX.length) || "/";
  }
  return url;
}

function wellKnownUrl(issuer: URL, algorithm: "oidc" | "oauth2"): string {
  const url = new URL(issuer.href);
  if (algorithm === "oidc") url.pathname = `${url.pathname.replace(/\/$/, "")}${OIDC_SUFFIX}`;
  // RFC 8414 §3.1: the well-known segment goes between the host and the issuer's path.
  else url.pathname = url.pathname === "/" ? OAUTH_SUFFIX : `${OAUTH_SUFFIX}${url.pathname.replace(/\/$/, "")}`;
  return url.href;
}

function isMissingDocument(error: unknown): boolean {
  return (
    error instanceof oc.ClientError &&
    (error.code === "OAUTH_RESPONSE_IS_NOT_CONFORM" || error.code === "OAUTH_RESPONSE_IS_NOT_JSON")
  );
}

function responseStatus(error: unknown): number | undefined {
  return error instanceof oc.ClientError && error.cause instanceof Response ? error.cause.status : undefined;
}

type Hop = { from: string; to: string; status: number; followed: boolean };

/**
 * A fetch that follows redirects on the requested URL's origin itself, at most MAX_REDIRECTS
 * hops, each through the guarded fetch (which never follows one), and records every hop. A
 * redirect elsewhere is recorded unfollowed and its response returned as it is.
 */
function followSameOriginRedirects(fetch: GuardedFetch, hops: Hop[]): GuardedFetch {
  return async (url, init) => {
    let current = url;
    for (let hop = 0; ; hop += 1) {
      const response = await fetch(current, init);
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location || !URL.canParse(location, current))
        return response;
      const to = new URL(location, current).href;
      const followed = new URL(to).origin === new URL(current).origin && hop < MAX_REDIRECTS;
      hops.push({ from: current, to, status: response.status, followed });
      if (!followed) return response;
      await response.body?.cancel();
      current = to;
    }
  };
}
