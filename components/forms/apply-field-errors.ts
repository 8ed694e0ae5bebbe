import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

/** Puts server-side field errors (dot paths from validationFailure) next to their fields. */
export function applyFieldErrors<T extends FieldValues>(
  setError: UseFormSetError<T>,
  fieldErrors: Record<string, string> | undefined,
): void {
  for (const [path, message] of Object.entries(fieldErrors ?? {})) {
    setError(path as Path<T>, { type: "server", message }, { shouldFocus: true });
  }
}
