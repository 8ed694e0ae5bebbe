/**
 * Scope handling per RFC 6749 §3.3: a scope is a list of space-delimited, case-sensitive tokens,
 * each `1*( %x21 / %x23-5B / %x5D-7E )`: printable ASCII without space, double quote or backslash.
 */

export const MAX_SCOPES = 50;
export const MAX_SCOPE_LENGTH = 200;

const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/** Why a scope token is not allowed, or undefined when it is fine. */
export function scopeTokenProblem(scope: string): string | undefined {
  if (scope.length === 0) return "A scope cannot be empty.";
  if (scope.length > MAX_SCOPE_LENGTH) return `A scope can have at most ${MAX_SCOPE_LENGTH} characters.`;
  if (/["\\]/.test(scope)) return `Scope “${scope}” may not contain quotes or backslashes.`;
  if (!SCOPE_TOKEN.test(scope)) return `Scope “${scope}” may only use printable ASCII characters without spaces.`;
  return undefined;
}

/** Splits typed input on commas and whitespace (people paste both) into tokens, in order. */
export function splitScopeInput(input: string): string[] {
  return input.split(/[\s,]+/).filter(Boolean);
}

/** Adds scopes to a list, keeping the first occurrence of each (scopes are case-sensitive). */
export function mergeScopes(existing: readonly string[], added: readonly string[]): string[] {
  return [...new Set([...existing, ...added])];
}
