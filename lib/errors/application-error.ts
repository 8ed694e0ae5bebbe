/**
 * Errors the user or an API caller can act on. Thrown anywhere below a server action or an API
 * route, and mapped once per surface: a server action returns it as an ActionResult, with the
 * message next to the field or in the form and the code the form reacts to (a conflict opens the
 * conflict flow, for example; lib/actions/action-result.ts); an API route answers with it as an
 * RFC 9457 problem (lib/errors/problem-details.ts).
 */
export type ApplicationErrorCode =
  "rule" | "validation" | "conflict" | "not_found" | "setup_done" | "discovery_failed" | "busy";

/** The problem an error answers with when its API documents problem types of its own (RFC 9457 §3.1). */
export type ProblemFacts = {
  /** The stable type name (lib/errors/problem-details.ts makes it a URI). */
  name: string;
  status: number;
  title: string;
  /** Extension members (RFC 9457 §3.2), in the order they are written. */
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
};

export class ApplicationError extends Error {
  /** Set by an error of an API with its own problem types; otherwise the code decides the problem. */
  readonly problem?: ProblemFacts;

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
