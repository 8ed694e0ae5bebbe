/** The bounds an admin may set sessions within (safe for the browser: the form's schema uses them). */

/** Activity is recorded once a minute, so shorter idle times would end active sessions. */
export const IDLE_MINUTES_RANGE = { min: 5, max: 1440 } as const;
/** Up to a week: the session JWT's own expiry (lib/auth/options.ts); the session rows decide before it. */
export const LIFETIME_HOURS_RANGE = { min: 1, max: 7 * 24 } as const;
