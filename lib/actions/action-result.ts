import "server-only";
import type { z } from "zod";
import { AuthorizationError, requireUser, type SessionUser } from "@/lib/auth/session";
import type { Role } from "@/lib/auth/roles";
import { failureForUnexpectedError } from "@/lib/actions/unexpected-error";

/** What every server action returns: never throws to the browser, so no error page. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; fieldErrors?: Record<string, string>; code?: string };

export function ok<T>(data: T, message?: string): ActionResult<T> {
  return { ok: true, data, message };
}

export function fail(error: string, extra: { fieldErrors?: Record<string, string>; code?: string } = {}): ActionResult<never> {
  return { ok: false, error, ...extra };
}

/** Turns zod issues into one message per field path (dot-joined), for react-hook-form's setError. */
export function validationFailure(error: z.ZodError): ActionResult<never> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".") || "form";
    fieldErrors[path] ??= issue.message;
  }
  return fail("Some values need fixing.", { fieldErrors, code: "validation" });
}

/**
 * Runs a server action body after checking the signed-in user and role on the server.
 * Unexpected errors become a failure result (lib/actions/unexpected-error.ts), never an error page.
 */
export async function runAction<T>(required: Role, body: (user: SessionUser) => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  let user: SessionUser;
  try {
    user = await requireUser(required);
  } catch (error) {
    if (error instanceof AuthorizationError) return fail(error.message, { code: `http_${error.status}` });
    throw error;
  }
  try {
    return await body(user);
  } catch (error) {
    if (error instanceof Error && "digest" in error) throw error; // Next.js redirect()/notFound() signals
    return failureForUnexpectedError(error);
  }
}
