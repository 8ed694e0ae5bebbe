import type { ComponentProps, FormEventHandler } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/forms/form-error";

/**
 * A console form that validates itself (noValidate): what the server refused above its fields, the
 * fields as children. Spread useActionForm's `formProps` on it. `errorClassName` places the error
 * (its own grid cell, spanning the columns).
 */
export function ActionForm({
  onSubmit,
  error,
  errorClassName,
  children,
  ...form
}: Omit<ComponentProps<"form">, "onSubmit"> & {
  onSubmit: FormEventHandler<HTMLFormElement>;
  error?: string;
  errorClassName?: string;
}) {
  const formError = <FormError message={error} />;
  return (
    <form onSubmit={onSubmit} noValidate {...form}>
      {errorClassName ? <div className={errorClassName}>{formError}</div> : formError}
      {children}
    </form>
  );
}

/** A submit button that says what happens while the form works; `form` names a form it sits outside of. */
export function SubmitButton({
  pending,
  pendingLabel,
  disabled = false,
  children,
  ...button
}: Omit<ComponentProps<typeof Button>, "type"> & { pending: boolean; pendingLabel: string }) {
  return (
    <Button type="submit" disabled={pending || disabled} {...button}>
      {pending ? pendingLabel : children}
    </Button>
  );
}
