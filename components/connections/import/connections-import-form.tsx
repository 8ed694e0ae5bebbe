"use client";

import * as React from "react";
import { ActionForm } from "@/components/forms/action-form";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Alert } from "@/components/ui/alert";
import { useActionForm } from "@/components/forms/use-action-form";
import { useActionTransition } from "@/components/forms/use-action-transition";
import { FileErrorList, ImportPlanView } from "@/components/connections/import/import-plan-view";
import { applyConnectionsImportAction, planConnectionsImportAction } from "@/app/(console)/connections/import/actions";
import type { FileError } from "@/lib/connections-file/connections-file-schema";
import type { ImportPlan } from "@/lib/connections-file/plan-import";
import { connectionsImportSchema, type ConnectionsImportInput } from "@/lib/schemas/connections-import";

type Planned = { values: ConnectionsImportInput; plan: ImportPlan };

/**
 * Upload or paste a connections file, read the plan, then apply exactly that file. Changing the
 * text or the prune choice after planning asks for a new plan; a refused apply lists every error.
 */
export function ConnectionsImportForm() {
  const [planned, setPlanned] = React.useState<Planned>();
  const [applied, setApplied] = React.useState<ImportPlan>();
  const [refused, setRefused] = React.useState<FileError[]>();
  const { form, formProps, setFormError } = useActionForm({
    schema: connectionsImportSchema,
    defaultValues: { text: "", prune: false },
    action: planConnectionsImportAction,
    quiet: true,
    onSuccess: (plan, values) => {
      setPlanned({ values, plan });
      setApplied(undefined);
      setRefused(undefined);
    },
  });
  const { pending: applying, run } = useActionTransition();
  const [text, prune] = form.watch(["text", "prune"]);
  const current = planned && planned.values.text === text && planned.values.prune === prune ? planned : undefined;
  const changes = current?.plan.entries.filter((entry) => entry.action !== "unchanged").length ?? 0;
  const errors = form.formState.errors;

  async function readFile(event: React.ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    try {
      form.setValue("text", await file.text(), { shouldValidate: true, shouldDirty: true });
    } catch {
      setFormError(`Could not read ${file.name}. Choose the file again, or paste its contents.`);
    }
  }

  function apply() {
    if (!current) return;
    run(() => applyConnectionsImportAction({ ...current.values, checksum: current.plan.checksum }), {
      refresh: true,
      onSuccess: (result) => {
        if ("errors" in result) setRefused(result.errors);
        else {
          setApplied(result.plan);
          setPlanned(undefined);
        }
      },
    });
  }

  return (
    <div className="grid gap-6">
      <ActionForm {...formProps} className="grid max-w-3xl gap-4">
        <Field id="import-file" label="Connections file" hint="JSON or YAML, as exported." optional>
          <Input
            type="file"
            accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
            onChange={readFile}
          />
        </Field>
        <Field
          id="import-text"
          label="File contents"
          hint='Filled from the file, or paste it here. Secrets are references such as {"env": "NAME"}, read from this server&apos;s environment.'
          error={errors.text?.message}
        >
          <Textarea rows={12} spellCheck={false} className="font-mono text-xs" {...form.register("text")} />
        </Field>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" className="mt-0.5 size-4" {...form.register("prune")} />
          <span>
            Delete active connections the file does not list
            <span className="block text-xs text-muted-foreground">
              Off: connections missing from the file are left alone.
            </span>
          </span>
        </label>
        <div>
          <Button type="submit" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? "Planning…" : "Plan"}
          </Button>
        </div>
      </ActionForm>

      {planned && !current ? (
        <Alert variant="warning">
          The file or the delete choice changed since the plan: plan again before applying.
        </Alert>
      ) : null}
      {current ? (
        <>
          <ImportPlanView plan={current.plan} title="Plan" />
          {current.plan.errors.length === 0 ? (
            <div className="flex flex-wrap items-center gap-3">
              <Button type="button" onClick={apply} disabled={applying || changes === 0}>
                {applying ? "Applying…" : `Apply ${changes} change${changes === 1 ? "" : "s"}`}
              </Button>
              <span className="text-sm text-muted-foreground">
                {changes === 0 ? "Nothing to apply." : "All or nothing: one failure changes nothing."}
              </span>
            </div>
          ) : null}
        </>
      ) : null}
      {refused ? <FileErrorList errors={refused} /> : null}
      {applied ? (
        <Alert variant="success">
          Applied. Each connection&apos;s change is in the <Link href="/audit">audit log</Link> with the file&apos;s
          checksum.
        </Alert>
      ) : null}
    </div>
  );
}
