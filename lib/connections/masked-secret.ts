/** What the console knows about a stored secret: whether there is one and its last four characters. */
export type StoredSecret = { hasClientSecret: boolean; clientSecretLast4: string | null };

/** The only way a stored secret is shown: `•••• last4` (or just dots for a short secret). */
export function maskedSecret(last4: string | null): string {
  return last4 ? `•••• ${last4}` : "••••";
}
