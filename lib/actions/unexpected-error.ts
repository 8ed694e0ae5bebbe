import { BUSY_MESSAGE, isDatabaseBusyError } from "@/lib/db/database-busy";

/**
 * What a server action reports for an error it did not expect: a busy database is a retryable
 * condition the user can act on; anything else is logged (without the input) and reported plainly.
 */
export function failureForUnexpectedError(error: unknown): { ok: false; error: string; code?: string } {
  if (isDatabaseBusyError(error)) return { ok: false, error: BUSY_MESSAGE, code: "busy" };
  console.error(
    "[handshake] action failed:",
    error instanceof Error ? error.name + ": " + error.message : "unknown error",
  );
  return { ok: false, error: "Something went wrong on the server. Nothing was changed; try again." };
}
