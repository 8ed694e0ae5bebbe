"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { FormProvider, useForm, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { FormError } from "@/components/forms/form-error";
import { ErrorSummary, flattenErrors, focusFirstInvalid } from "@/components/forms/error-summary";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useConflictNotice } from "@/components/connections/conflict-notice";
import { SettingsSection } from "@/components/connections/sections/settings-section";
import { GrantSection } from "@/components/connections/sections/grant-section";
import { EndpointsSection } from "@/components/connections/sections/endpoints-section";
import { ClientSection } from "@/components/connections/sections/client-section";
import { TokensSection } from "@/components/connections/sections/tokens-section";
import { TokenSetsMovedNotice } from "@/components/connections/token-sets-moved-notice";
import { requestAutoTest } from "@/components/connections/auto-test-marker";
import { useProtocolChanged } from "@/components/connections/use-protocol-changed";
import { CONNECTION_STEPS, type EditableStepId } from "@/lib/connections/connection-steps";
import { CONNECTION_FIELD_LABELS, createConnectionSchemas, type ConnectionFormValues } from "@/lib/schemas/connection";
import type { StoredSecret } from "@/lib/connections/masked-secret";
import type { ClientKeySummary } from "@/lib/schemas/client-key";
import type { ClientCertificateSummary } from "@/lib/schemas/client-certificate";
import { updateConnectionAction } from "@/app/(console)/connections/actions";

const TITLE = Object.fromEntries(CONNECTION_STEPS.map((s) => [s.id, s.title])) as Record<EditableStepId, string>;

/**
 * Edits an active connection with the wizard's sections on one page. The save names the version
 * the form was loaded at; if someone saved in between, the form shows who and what changed and
 * keeps everything typed. A change of what token requests depend on is offered as Save and test
 * (the connection page then starts the test, as after the wizard); Save alone stays possible.
 */
export function ConnectionEditForm({
  connectionId,
  initialValues,
  initialVersion,
  initialSecret,
  initialClientKey,
  initialClientCertificate,
  allowHttp,
  callbackUrl,
  storedTokenSets,
  testedConfiguration,
}: {
  connectionId: string;
  initialValues: ConnectionFormValues;
  initialVersion: number;
  initialSecret: StoredSecret;
  /** The private_key_jwt key (kid only), if the connection has one. */
  initialClientKey: ClientKeySummary | null;
  /** The mTLS client certificate (public facts only), if it has one. */
  initialClientCertificate: ClientCertificateSummary | null;
  allowHttp: boolean;
  callbackUrl: string;
  /** How many token sets the connection holds: an edit of what issues tokens marks them. */
  storedTokenSets: number;
  /** A test has passed: token refreshes keep its configuration until the edited one passes too. */
  testedConfiguration: boolean;
}) {
  const router = useRouter();
  const [version, setVersion] = React.useState(initialVersion);
  const [storedSecret, setStoredSecret] = React.useState(initialSecret);
  const [clientKey, setClientKey] = React.useState(initialClientKey);
  const [clientCertificate, setClientCertificate] = React.useState(initialClientCertificate);
  const [baseline, setBaseline] = React.useState(initialValues);
  const [formError, setFormError] = React.useState<string>();

  const schema = React.useMemo(
    () =>
      createConnectionSchemas({
        allowHttp,
        hasStoredSecret: storedSecret.hasClientSecret,
        storedSecretExpiresOn: baseline.clientSecretExpiresOn || undefined,
      }).full,
    [allowHttp, storedSecret.hasClientSecret, baseline.clientSecretExpiresOn],
  );
  const resolver = React.useMemo(
    () => zodResolver(schema as never, undefined, { raw: true }) as unknown as Resolver<ConnectionFormValues>,
    [schema],
  );
  // Focus goes to the first invalid field in page order (react-hook-form's own order is registration order).
  const form = useForm<ConnectionFormValues>({
    defaultValues: initialValues,
    resolver,
    mode: "onTouched",
    shouldFocusError: false,
  });
  const conflict = useConflictNotice({
    form,
    baseline,
    adopt: (snapshot) => {
      setVersion(snapshot.version);
      setStoredSecret({ hasClientSecret: snapshot.hasClientSecret, clientSecretLast4: snapshot.clientSecretLast4 });
      setBaseline(snapshot.values);
    },
  });
  const formRef = React.useRef<HTMLFormElement>(null);
  const hydrated = useHydrated();
  const [attempted, setAttempted] = React.useState(false);
  const errorItems = attempted ? flattenErrors(form.formState.errors) : [];

  const protocolChanged = useProtocolChanged(form.control, baseline);

  async function onSubmit(values: ConnectionFormValues, test: boolean) {
    setFormError(undefined);
    const result = await updateConnectionAction({ connectionId, version, values });
    if (result.ok) {
      toast.success(result.message);
      if (test) requestAutoTest(connectionId);
      router.push(`/connections/${connectionId}`);
      router.refresh();
      return;
    }
    if (result.code === "conflict") return conflict.open(result.error, connectionId);
    if (result.fieldErrors) {
      applyFieldErrors(form.setError, result.fieldErrors);
      focusFirstInvalid(formRef.current);
    } else setFormError(result.error);
  }

  function onInvalid() {
    setAttempted(true);
    focusFirstInvalid(formRef.current);
  }

  function submit(event: React.BaseSyntheticEvent, test: boolean) {
    setAttempted(true);
    return form.handleSubmit((values) => onSubmit(values, test), onInvalid)(event);
  }

  const { isSubmitting } = form.formState;
  return (
    <FormProvider {...form}>
      <form
        ref={formRef}
        noValidate
        // Enter saves the way the primary button does.
        onSubmit={(event) => submit(event, protocolChanged)}
        className="grid gap-5"
        aria-label="Edit connection"
      >
        <fieldset disabled={!hydrated} className="contents">
          {conflict.notice}
          <FormError message={formError} />
          <ErrorSummary
            items={errorItems}
            labelFor={(path) => CONNECTION_FIELD_LABELS[path.split(".")[0] as keyof ConnectionFormValues] ?? path}
          />
          <EditCard title={TITLE.settings}>
            <SettingsSection callbackUrl={callbackUrl} />
          </EditCard>
          <EditCard title={TITLE.grant}>
            <GrantSection />
          </EditCard>
          <EditCard title={TITLE.endpoints}>
            <EndpointsSection allowHttp={allowHttp} hasReviewStep={false} />
          </EditCard>
          <EditCard title={TITLE.client}>
            <ClientSection
              storedSecret={storedSecret}
              secretBaseline={baseline}
              clientKey={{ connectionId, stored: clientKey, onStored: setClientKey }}
              clientCertificate={{ connectionId, stored: clientCertificate, onStored: setClientCertificate }}
            />
          </EditCard>
          <EditCard title={TITLE.tokens}>
            <TokensSection />
          </EditCard>
          <TokenSetsMovedNotice
            baseline={baseline}
            storedTokenSets={storedTokenSets}
            testedConfiguration={testedConfiguration}
          />
          {/* Sticky: Save stays in reach however far down the form is scrolled. */}
          <div
            className="sticky bottom-0 z-10 -mx-1 flex items-center justify-end gap-2 border-t bg-background/95 px-1 py-3 backdrop-blur"
            data-testid="save-bar"
          >
            {errorItems.length > 0 ? (
              <span role="status" className="mr-auto text-sm text-destructive">
                {errorItems.length === 1 ? "1 field needs fixing" : `${errorItems.length} fields need fixing`}
              </span>
            ) : null}
            <Link href={`/connections/${connectionId}`} className={buttonVariants({ variant: "outline" })}>
              Cancel
            </Link>
            {protocolChanged ? (
              <>
                {testedConfiguration ? (
                  <span
                    role="status"
                    className="mr-auto text-sm text-muted-foreground"
                    data-testid="untested-until-test"
                  >
                    Bots keep getting tokens from the last tested configuration until this one passes a test.
                  </span>
                ) : null}
                <Button
                  type="button"
                  variant="outline"
                  disabled={isSubmitting}
                  onClick={(event) => submit(event, false)}
                >
                  Save
                </Button>
                <Button type="submit" disabled={isSubmitting}>
                  {isSubmitting ? "Saving…" : "Save and test"}
                </Button>
              </>
            ) : (
              <Button type="submit" disabled={isSubmitting}>
                {isSubmitting ? "Saving…" : "Save"}
              </Button>
            )}
          </div>
        </fieldset>
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
