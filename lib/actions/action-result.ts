import "server-only";
import type { z } from "zod";
import { AuthorizationError, requireUser, type RequireUserOptions, type SessionUser } from "@/lib/auth/session";
import type { Role } from "@/lib/auth/roles";
import { failureForUnexpectedError } from "@/lib/actions/unexpected-error";
import { ApplicationError, type ApplicationErrorCode } from "@/lib/errors/application-error";

/** What every server action returns: never throws to the browser, so no error page. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; fieldErrors?: Record<string, string>; code?: string };

export function ok<T>(data: T, message?: string): ActionResult<T> {
  return { ok: true, data, message };
}

export function fail(
  error: string,
  extra: { fieldErrors?: Record<string, string>; code?: ApplicationErrorCode | `http_${number}` } = {},
): ActionResult<never> {
  return { ok: false, error, ...extra };
}

/** One message per field path (dot-joined), for react-hook-form's setError. */
function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".") || "form";
    fieldErrors[path] ??= issue.message;
  }
  return fieldErrors;
}

/** A form's validation failure: the messages next to their fields. */
export function validationFailure(error: z.ZodError): ActionResult<never> {
  return fail(INVALID_VALUES, { fieldErrors: fieldErrorsOf(error), code: "validation" });
}

const INVALID_VALUES = "Some values need fixing.";

/**
 * The action's input, parsed by its form's schema. Invalid input stops the action with the
 * messages next to the fields, or with `invalidMessage` alone (an id the browser should not get wrong).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, invalidMessage?: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  if (invalidMessage) throw new ApplicationError(invalidMessage, "validation");
  throw new ApplicationError(INVALID_VALUES, "validation", undefined, fieldErrorsOf(parsed.error));
}

function failureFor(error: ApplicationError): ActionResult<never> {
  const fieldErrors = error.fieldErrors ?? (error.field ? { [error.field]: error.message } : undefined);
  return fail(error.message, { code: error.code, ...(fieldErrors ? { fieldErrors } : {}) });
}

/** Settles an action body: an ApplicationError becomes its message, anything else a plain failure. */
async function settle<T>(body: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof Error && "digest" in error) throw error; // Next.js redirect()/notFound() signals
    if (error instanceof ApplicationError) return failureFor(error);
    return failureForUnexpectedError(error);
  }
}

/**
 * Runs a server action body after checking the signed-in user and role on the server.
 * Unexpected errors become a failure result (lib/actions/unexpected-error.ts), never an error page.
 */
export async function runAction<T>(
  required: Role,
  body: (user: SessionUser) => Promise<ActionResult<T>>,
  options: RequireUserOptions = {},
): Promise<ActionResult<T>> {
  let user: SessionUser;
  try {
    user = await requireUser(required, options);
  } catch (error) {
    if (error instanceof AuthorizationError) return fail(error.message, { code: `http_${error.status}` });
    throw error;
  }
  return settle(() => body(user));
}

/** The same for the one action with no signed-in user yet (first-admin setup, guarded by its one-time code). */
export async function runPublicAction<T>(body: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  return settle(body);
}
