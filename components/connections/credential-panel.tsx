import * as React from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/input";
import { FormError } from "@/components/forms/form-error";
import { FormField } from "@/components/forms/form-field";
import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * A client credential's own small form inside the connection form (the private key, the client
 * certificate): its heading, what is stored, the fields, and one plain button (not a submit, which
 * would submit the connection form around it). Disabled until hydrated: a choice made in the
 * server's HTML (say RS256) would be reset to the default the moment react-hook-form takes over.
 */
export function CredentialPanel({
  id,
  title,
  stored,
  formError,
  submitLabel,
  isSubmitting,
  onSubmit,
  children,
}: {
  id: string;
  title: string;
  /** What is stored, or what to do while nothing is. */
  stored: React.ReactNode;
  formError: string | undefined;
  submitLabel: string;
  isSubmitting: boolean;
  onSubmit: () => void;
  children: React.ReactNode;
}) {
  const hydrated = useHydrated();
  return (
    <section aria-labelledby={id} className="grid gap-4 rounded-md border p-4">
      <h3 id={id} className="text-sm font-semibold">
        {title}
      </h3>
      {stored}
      <FormError message={formError} />
      <fieldset disabled={!hydrated} className="contents">
        {children}
        <div>
          <Button type="button" variant="outline" onClick={onSubmit} disabled={isSubmitting}>
            {isSubmitting ? "Working…" : submitLabel}
          </Button>
        </div>
      </fieldset>
    </section>
  );
}

/**
 * A pasted PEM or JWK: a labelled text area the browser does not spell-check or autofill; its
 * hint (what to paste, how it is kept) is the children.
 */
export function PastedKeyField<T extends FieldValues>({
  form,
  name,
  rows,
  children,
  ...field
}: {
  form: UseFormReturn<T>;
  name: Path<T>;
  label: string;
  optional?: boolean;
  rows: number;
  children: string;
}) {
  return (
    <FormField form={form} name={name} hint={children} {...field}>
      <Textarea spellCheck={false} autoComplete="off" rows={rows} {...form.register(name)} />
    </FormField>
  );
}
