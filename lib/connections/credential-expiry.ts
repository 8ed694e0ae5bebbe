/**
 * Which of a connection's credentials stops working first (#24): the client secret
 * (clientSecretExpiresAt, a typed day) or the client certificate (clientCertificateExpiresAt, the
 * notAfter of a private_key_jwt key's certificate or of the mTLS certificate). Read from the
 * columns alone, whatever set them; days left as lib/connections/secret-expiry.ts counts them.
 */
import { EXPIRY_BADGE_DAYS, daysUntilExpiry, expiryDateText } from "@/lib/connections/secret-expiry";

export const EXPIRING_CREDENTIALS = ["secret", "certificate"] as const;
export type ExpiringCredential = (typeof EXPIRING_CREDENTIALS)[number];

export const EXPIRING_CREDENTIAL_LABELS: Record<ExpiringCredential, string> = {
  secret: "Client secret",
  certificate: "Certificate",
};

type ExpiryColumns = { clientSecretExpiresAt: Date | null; clientCertificateExpiresAt: Date | null };
export type CredentialExpiry = { credential: ExpiringCredential; expiresAt: Date };

/** The credential that expires first, or null when neither has a date; a tie names the secret. */
export function soonestExpiry(row: ExpiryColumns): CredentialExpiry | null {
  const secret = row.clientSecretExpiresAt;
  const certificate = row.clientCertificateExpiresAt;
  if (certificate && (!secret || certificate < secret)) return { credential: "certificate", expiresAt: certificate };
  return secret ? { credential: "secret", expiresAt: secret } : null;
}

/** A list badge from the first reminder on (30 days before): "Certificate expires in 5 days", "… expired". */
export function credentialExpiryBadge(credential: ExpiringCredential, days: number | null): string | null {
  if (days === null || days > EXPIRY_BADGE_DAYS) return null;
  const noun = credential === "secret" ? "Secret" : "Certificate";
  if (days < 0) return `${noun} expired`;
  if (days === 0) return `${noun} expires today`;
  return `${noun} expires in ${days} day${days === 1 ? "" : "s"}`;
}

/** The connection page's line: "Certificate expires on 2027-01-31 (in 40 days)"; warn from 30 days before. */
export function certificateExpiryNotice(expiresAt: Date, now: Date): { text: string; warn: boolean } {
  const days = daysUntilExpiry(expiresAt, now);
  const on = expiryDateText(expiresAt);
  const text =
    days < 0
      ? `Certificate expired on ${on}: renew it and store the new one on the connection.`
      : days === 0
        ? `Certificate expires on ${on} (today): renew it and store the new one on the connection.`
        : `Certificate expires on ${on} (in ${days} day${days === 1 ? "" : "s"}).`;
  return { text, warn: days <= EXPIRY_BADGE_DAYS };
}
