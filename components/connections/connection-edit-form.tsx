"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { FormProvider, useForm, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { ConflictNotice, keepMyEdits, type ConflictState } from "@/components/connections/conflict-notice";
import { SettingsSection } from "@/components/connections/sections/settings-section";
import { GrantSection } from "@/components/connections/sections/grant-section";
import { EndpointsSection } from "@/components/connections/sections/endpoints-section";
import { ClientSection } from "@/components/connections/sections/client-section";
import { TokensSection } from "@/components/connections/sections/tokens-section";
import { CONNECTION_STEPS, createConnectionSchemas, type ConnectionFormValues, type EditableStepId } from "@/lib/schemas/connection";
import type { StoredSecret } from "@/lib/connections/masked-secret";
import { getConnectionSnapshotAction, updateConnectionAction } from "@/app/(console)/connections/actions";

const TITLE = Object.fromEntries(CONNECTION_STEPS.map((s) => [s.id, s.title])) as Record<EditableStepId, string>;

/**
 * Edits an active connection with the wizard's sections on one page. The save names the version
 * the form was loaded at; if someone saved in between, the form shows who and what changed and
 * keeps everything typed.
 */
export function ConnectionEditForm({
  connectionId,
  initialValues,
  initialVersion,
  initialSecret,
  allowHttp,
  callbackUrl,
}: {
  connectionId: string;
  initialValues: ConnectionFormValues;
  initialVersion: number;
  initialSecret: StoredSecret;
  allowHttp: boolean;
  callbackUrl: string;
}) {
  const router = useRouter();
  const [version, setVersion] = React.useState(initialVersion);
  const [storedSecret, setStoredSecret] = React.useState(initialSecret);
  const [baseline, setBaseline] = React.useState(initialValues);
  const [conflict, setConflict] = React.useState<ConflictState>();
  const [formError, setFormError] = React.useState<string>();

  const schema = React.useMemo(
    () => createConnectionSchemas({ allowHttp, hasStoredSecret: storedSecret.hasClientSecret }).full,
    [allowHttp, storedSecret.hasClientSecret],
  );
  const resolver = React.useMemo(() => zodResolver(schema as never, undefined, { raw: true }) as unknown as Resolver<ConnectionFormValues>, [schema]);
  const form = useForm<ConnectionFormValues>({ defaultValues: initialValues, resolver, mode: "onTouched" });

  async function onSubmit(values: ConnectionFormValues) {
    setFormError(undefined);
    const result = await updateConnectionAction({ connectionId, version, values });
    if (result.ok) {
      toast.success(result.message);
      router.push(`/connections/${connectionId}`);
      router.refresh();
      return;
    }
    if (result.code === "conflict") {
      setConflict({ message: result.error });
      const snapshot = await getConnectionSnapshotAction({ connectionId });
      if (snapshot.ok) setConflict({ message: result.error, snapshot: snapshot.data });
      return;
    }
    if (result.fieldErrors) applyFieldErrors(form.setError, result.fieldErrors);
    else setFormError(result.error);
  }

  const { isSubmitting } = form.formState;
  return (
    <FormProvider {...form}>
      <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="grid gap-5" aria-label="Edit connection">
        {conflict ? (
          <ConflictNotice
            conflict={conflict}
            baseline={baseline}
            onKeepMine={() => {
              if (!conflict.snapshot) return setConflict(undefined);
              const taken = keepMyEdits(form, baseline, conflict.snapshot.values);
              setVersion(conflict.snapshot.version);
              setStoredSecret({ hasClientSecret: conflict.snapshot.hasClientSecret, clientSecretLast4: conflict.snapshot.clientSecretLast4 });
              setBaseline(conflict.snapshot.values);
              setConflict(undefined);
              toast.info(
                taken.length
                  ? `Your edits are kept, and their changes to ${taken.join(", ")} are applied. Review and save again.`
                  : "Your edits are kept. Review them and save again.",
              );
            }}
            onLoadTheirs={() => {
              if (conflict.snapshot) {
                form.reset(conflict.snapshot.values);
                setVersion(conflict.snapshot.version);
                setStoredSecret({ hasClientSecret: conflict.snapshot.hasClientSecret, clientSecretLast4: conflict.snapshot.clientSecretLast4 });
                setBaseline(conflict.snapshot.values);
              }
              setConflict(undefined);
            }}
          />
        ) : null}
        {formError ? <Alert variant="destructive">{formError}</Alert> : null}
        <EditCard title={TITLE.settings}>
          <SettingsSection callbackUrl={callbackUrl} />
        </EditCard>
        <EditCard title={TITLE.grant}>
          <GrantSection />
        </EditCard>
        <EditCard title={TITLE.endpoints}>
          <EndpointsSection allowHttp={allowHttp} />
        </EditCard>
        <EditCard title={TITLE.client}>
          <ClientSection storedSecret={storedSecret} secretBaseline={baseline} />
        </EditCard>
        <EditCard title={TITLE.tokens}>
          <TokensSection />
        </EditCard>
        <div className="flex justify-end gap-2 border-t pt-4">
          <Link href={`/connections/${connectionId}`} className={buttonVariants({ variant: "outline" })}>
            Cancel
          </Link>
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? "Saving…" : "Save"}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}

function EditCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}
