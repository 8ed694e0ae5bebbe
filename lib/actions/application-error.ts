/**
 * Errors the user can act on. Thrown anywhere below a server action; the action wrapper
 * (lib/actions/action-result.ts) shows the message next to the field or in the form, with the
 * code the form reacts to (a conflict opens the conflict flow, for example).
 */
export type ApplicationErrorCode = "rule" | "validation" | "conflict" | "not_found" | "setup_done" | "discovery_failed" | "busy";

export class ApplicationError extends Error {
  constructor(
    message: string,
    readonly code: ApplicationErrorCode = "rule",
    /** The form field the message belongs next to. */
    readonly field?: string,
    /** One message per field path, for a whole form's validation. */
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
