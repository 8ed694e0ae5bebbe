"use client";

import * as React from "react";
import { useForm, type DefaultValues, type FieldValues, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/action-result";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";

export type ActionFormOptions<T extends FieldValues, R> = {
  /** The form's zod schema: the same one its server action parses with. */
  schema: z.ZodType<T, FieldValues>;
  defaultValues: DefaultValues<T>;
  /** The server action; what it refuses lands next to the fields or above the form. */
  action: (values: T) => Promise<ActionResult<R>>;
  /** After success; the action's message is shown as a toast unless `quiet`. */
  onSuccess?: (data: R, values: T) => void | Promise<void>;
  quiet?: boolean;
};

/**
 * One submit path for every console form: validate in the browser, call the server action, put
 * its field errors next to their fields (keeping everything typed) or its message above the form.
 */
export function useActionForm<T extends FieldValues, R>({
  schema,
  defaultValues,
  action,
  onSuccess,
  quiet,
}: ActionFormOptions<T, R>) {
  const form = useForm<T>({ resolver: zodResolver(schema) as unknown as Resolver<T>, defaultValues });
  const [formError, setFormError] = React.useState<string>();

  const submitValues = async (values: T) => {
    setFormError(undefined);
    const result = await action(values);
    if (!result.ok) {
      applyFieldErrors(form.setError, result.fieldErrors);
      if (!result.fieldErrors) setFormError(result.error);
      return;
    }
    if (!quiet && result.message) toast.success(result.message);
    await onSuccess?.(result.data, values);
  };

  const onSubmit = form.handleSubmit(submitValues);
  /** For spreading on the ActionForm, AuthForm or FormDialog around the fields. */
  const formProps = { onSubmit, error: formError };
  return { form, formError, setFormError, submitValues, onSubmit, formProps };
}
