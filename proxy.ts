// Runs before every page request: sets a per-request CSP nonce, no-store caching and HSTS, and sends
// signed-out visitors to the sign-in page. Only a convenience: pages, actions and routes check
// the session and role themselves.
import { NextResponse, type NextRequest } from "next/server";
import { strictTransportSecurityFor } from "@/lib/http/strict-transport-security";

// /metrics checks its own bearer token or client address (lib/metrics/metrics-access.ts).
const PUBLIC_PATHS = ["/login", "/setup", "/api/auth", "/api/health", "/api/oauth/callback", "/metrics"];
// Routes that set their own Cache-Control: a connection's public key set, which providers are
// meant to cache, and the audit export, which also asks not to be compressed.
const OWN_CACHE_CONTROL = [/^\/api\/v1\/connections\/[^/]+\/jwks\.json$/, /^\/api\/audit\/export$/];
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

// Read per request, not at build time: one build serves consoles with different public URLs.
function withTransportSecurity(response: NextResponse): NextResponse {
  const hsts = strictTransportSecurityFor(process.env.APP_URL);
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const isPublic = PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  const signedIn = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (!isPublic && !signedIn && !pathname.startsWith("/api/")) {
    return withTransportSecurity(NextResponse.redirect(new URL("/login", request.url)));
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  if (!OWN_CACHE_CONTROL.some((route) => route.test(pathname))) response.headers.set("Cache-Control", "no-store");
  return withTransportSecurity(response);
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|icon.svg).*)" }],
};
