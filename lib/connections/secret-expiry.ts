/**
 * A client secret's expiry date (#24): a calendar day, stored as midnight UTC of that day (the
 * provider's consoles show a date, not an instant). Days left count whole UTC days, so a reminder
 * "in 7 days" goes out on the same day in every replica whatever its time zone.
 */
const DAY_MS = 86_400_000;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The stored instant of a typed `YYYY-MM-DD`, or null when it is not a real date. */
export function expiryDateFromText(text: string): Date | null {
  if (!DATE_PATTERN.test(text)) return null;
  const date = new Date(`${text}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text ? null : date;
}

/** `YYYY-MM-DD` of a stored expiry. */
export function expiryDateText(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Whole days from today (UTC) to the expiry day: 0 on the day, negative once it has passed. */
export function daysUntilExpiry(expiresAt: Date, now: Date): number {
  const today = Math.floor(now.getTime() / DAY_MS);
  return Math.floor(expiresAt.getTime() / DAY_MS) - today;
}

/**
 * Whether a typed date is too early to enter. Yesterday (UTC) is still allowed: somewhere on
 * Earth it is today, and the browser's today may be the server's yesterday.
 */
export function isPastExpiryDate(text: string, now: Date): boolean {
  const date = expiryDateFromText(text);
  return date !== null && daysUntilExpiry(date, now) < -1;
}

/** A badge is shown from the first reminder on (30 days before). */
export const EXPIRY_BADGE_DAYS = 30;
