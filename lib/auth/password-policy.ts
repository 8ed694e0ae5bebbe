/** Shared by the client forms and the server (no argon2 import here, so it is safe in the browser bundle). */
export const PASSWORD_MIN_LENGTH = 12;
