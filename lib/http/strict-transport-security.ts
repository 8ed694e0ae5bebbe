/**
 * HTTP Strict Transport Security (RFC 6797) for a console whose public URL is https: browsers then
 * refuse plain http to it for a year, so a network attacker cannot strip TLS from a later visit.
 * Decided by APP_URL, not by the request: behind a TLS-terminating proxy the console itself is
 * reached over http. Browsers ignore the header on plain http (RFC 6797 §8.1), so an http APP_URL
 * gets none. No includeSubDomains (§6.1.2): the console does not own the rest of its domain.
 */
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

export function strictTransportSecurityFor(appUrl: string | undefined): string | null {
  if (!appUrl) return null;
  try {
    return new URL(appUrl).protocol === "https:" ? `max-age=${ONE_YEAR_SECONDS}` : null;
  } catch {
    return null;
  }
}
