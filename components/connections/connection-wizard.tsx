"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { FormProvider, useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { FormError } from "@/components/forms/form-error";
import { useConflictNotice } from "@/components/connections/conflict-notice";
import { WizardSteps } from "@/components/connections/wizard-steps";
import { WizardReviewStep } from "@/components/connections/wizard-review-step";
import { WizardStepButtons, type WizardBusy } from "@/components/connections/wizard-step-buttons";
import { useStepResolver } from "@/components/connections/use-step-resolver";
import { SettingsSection } from "@/components/connections/sections/settings-section";
import { GrantSection } from "@/components/connections/sections/grant-section";
import { EndpointsSection } from "@/components/connections/sections/endpoints-section";
import { ClientSection } from "@/components/connections/sections/client-section";
import { TokensSection } from "@/components/connections/sections/tokens-section";
import { CONNECTION_STEPS, type ConnectionStepId, type EditableStepId } from "@/lib/connections/connection-steps";
import { createConnectionSchemas, stepIndex, stepOfField, type ConnectionFormValues } from "@/lib/schemas/connection";
import type { StoredSecret } from "@/lib/connections/masked-secret";
import type { ClientKeySummary } from "@/lib/schemas/client-key";
import type { ClientCertificateSummary } from "@/lib/schemas/client-certificate";
import { presetFormValues } from "@/lib/connections/provider-presets";
import type { ActionResult } from "@/lib/actions/action-result";
import { requestAutoTest } from "@/components/connections/auto-test-marker";
import { activateConnectionAction, saveConnectionDraftAction } from "@/app/(console)/connections/actions";

export type WizardDraft = { id: string; version: number } & StoredSecret;

function presetSignature(values: Pick<ConnectionFormValues, "providerType" | "providerParams">): string {
  return JSON.stringify([values.providerType, values.providerParams]);
}

function wizardUrl(draftId: string, step: ConnectionStepId): string {
  return `/connections/new?draft=${encodeURIComponent(draftId)}&step=${step}`;
}

/**
 * The create-connection wizard: one form, one step on screen at a time. Each Next validates the
 * step, then saves the draft on the server, so a reload (the URL carries draft and step) resumes
 * where the admin left. Back keeps every value; the typed secret goes to the server once and
 * is never sent back.
 */
export function ConnectionWizard({
  initialValues,
  initialStep,
  reachedStep,
  draft,
  initialClientKey,
  initialClientCertificate,
  allowHttp,
  callbackUrl,
}: {
  initialValues: ConnectionFormValues;
  initialStep: ConnectionStepId;
  /** The furthest step the draft has reached (its index). */
  reachedStep: number;
  draft: WizardDraft | null;
  /** The draft's private_key_jwt key (kid only), if it has one. */
  initialClientKey: ClientKeySummary | null;
  /** The mTLS client certificate (public facts only), if it has one. */
  initialClientCertificate: ClientCertificateSummary | null;
  allowHttp: boolean;
  callbackUrl: string;
}) {
  const router = useRouter();
  const [stepId, setStepId] = React.useState<ConnectionStepId>(draft ? initialStep : "settings");
  const [saved, setSaved] = React.useState<WizardDraft | null>(draft);
  const [reached, setReached] = React.useState(draft ? reachedStep : 0);
  const [busy, setBusy] = React.useState<WizardBusy>(null);
  const [formError, setFormError] = React.useState<string>();
  const [notice, setNotice] = React.useState<string>();
  const [baseline, setBaseline] = React.useState(initialValues);
  const [clientKey, setClientKey] = React.useState(initialClientKey);
  const [clientCertificate, setClientCertificate] = React.useState(initialClientCertificate);
  const appliedPreset = React.useRef(presetSignature(initialValues));
  const headingRef = React.useRef<HTMLHeadingElement>(null);
  const focusHeading = React.useRef(false);

  const schemas = React.useMemo(
    () => createConnectionSchemas({ allowHttp, hasStoredSecret: saved?.hasClientSecret ?? false }),
    [allowHttp, saved?.hasClientSecret],
  );
  const { resolver, validateStep } = useStepResolver(stepId, schemas);

  const form = useForm<ConnectionFormValues>({ defaultValues: initialValues, resolver, mode: "onTouched" });
  // After either conflict choice, later saves name the other save's version.
  const conflict = useConflictNotice({
    form,
    baseline,
    adopt: (snapshot) => {
      setSaved(
        (current) =>
          current && {
            ...current,
            version: snapshot.version,
            hasClientSecret: snapshot.hasClientSecret,
            clientSecretLast4: snapshot.clientSecretLast4,
          },
      );
      setBaseline(snapshot.values);
    },
  });
  const values = useWatch({ control: form.control }) as ConnectionFormValues;

  React.useEffect(() => {
    if (!focusHeading.current) return;
    focusHeading.current = false;
    headingRef.current?.focus();
    window.scrollTo({ top: 0 });
  }, [stepId]);

  function go(step: ConnectionStepId, draftId: string | undefined) {
    validateStep(step);
    focusHeading.current = true;
    setStepId(step);
    if (draftId) window.history.replaceState(null, "", wizardUrl(draftId, step));
  }

  function handleFailure(result: Extract<ActionResult<unknown>, { ok: false }>) {
    if (result.code === "conflict") return void conflict.open(result.error, saved?.id);
    if (result.fieldErrors) {
      const firstStep = stepOfField(Object.keys(result.fieldErrors)[0] ?? "");
      if (firstStep && firstStep !== stepId) go(firstStep, saved?.id);
      // After the step renders, so the field exists to receive focus.
      setTimeout(() => applyFieldErrors(form.setError, result.fieldErrors), 0);
      return;
    }
    setFormError(result.error);
  }

  function adopt(next: WizardDraft) {
    setSaved(next);
    // The secret now lives encrypted on the server; the field goes back to "empty means keep".
    if (form.getValues("clientSecret")) form.setValue("clientSecret", "");
    setBaseline(form.getValues());
  }

  function applyPresetIfChanged() {
    const { providerType, providerParams } = form.getValues();
    const signature = presetSignature({ providerType, providerParams });
    if (signature === appliedPreset.current) return;
    appliedPreset.current = signature;
    const preset = presetFormValues(providerType, providerParams);
    if (!preset) return;
    for (const [name, value] of Object.entries(preset.values))
      form.setValue(name as keyof ConnectionFormValues, value as never, { shouldDirty: true });
    setNotice(
      `Filled in from the ${preset.label} preset: endpoints, typical scopes and settings. Check them as you go.`,
    );
  }

  async function goNext() {
    if (stepId === "review" || busy) return;
    const leaving: EditableStepId = stepId;
    setFormError(undefined);
    if (!(await form.trigger(undefined, { shouldFocus: true }))) return;
    setBusy("next");
    const result = await saveConnectionDraftAction({
      draftId: saved?.id,
      version: saved?.version,
      step: leaving,
      values: form.getValues(),
    });
    setBusy(null);
    if (!result.ok) return handleFailure(result);
    adopt(result.data);
    if (leaving === "settings") applyPresetIfChanged();
    else setNotice(undefined);
    setReached((r) => Math.max(r, stepIndex(leaving) + 1));
    go(CONNECTION_STEPS[stepIndex(leaving) + 1]!.id, result.data.id);
  }

  function goBack() {
    const index = stepIndex(stepId);
    if (index === 0) return;
    setFormError(undefined);
    setNotice(undefined);
    go(CONNECTION_STEPS[index - 1]!.id, saved?.id);
  }

  async function save(andTest: boolean) {
    if (!saved || busy) return;
    setFormError(undefined);
    if (!(await form.trigger())) {
      const parsed = schemas.full.safeParse(form.getValues());
      const firstStep = parsed.success ? undefined : stepOfField(parsed.error.issues[0]?.path.join(".") ?? "");
      if (firstStep) go(firstStep, saved.id);
      return;
    }
    setBusy(andTest ? "save-and-test" : "save");
    const result = await activateConnectionAction({
      connectionId: saved.id,
      version: saved.version,
      values: form.getValues(),
    });
    if (!result.ok) {
      setBusy(null);
      return handleFailure(result);
    }
    toast.success(result.message);
    // The connection test lives on the detail page; a one-time marker asks it to begin one.
    if (andTest) requestAutoTest(saved.id);
    router.push(`/connections/${saved.id}`);
  }

  const index = stepIndex(stepId);
  const step = CONNECTION_STEPS[index]!;
  const storedSecret: StoredSecret = {
    hasClientSecret: saved?.hasClientSecret ?? false,
    clientSecretLast4: saved?.clientSecretLast4 ?? null,
  };

  return (
    <FormProvider {...form}>
      <div className="grid gap-6 md:grid-cols-[13rem_1fr]">
        <WizardSteps
          index={index}
          reached={reached}
          hrefFor={(s) => (saved ? wizardUrl(saved.id, s) : undefined)}
          onSelect={(s) => {
            if (busy) return;
            setFormError(undefined);
            setNotice(undefined);
            go(s, saved?.id);
          }}
        />
        <form
          noValidate
          className="grid content-start gap-5"
          aria-labelledby="wizard-step-title"
          onSubmit={(e) => {
            e.preventDefault();
            if (stepId !== "review") void goNext();
          }}
        >
          <div className="grid gap-1">
            <p className="text-xs text-muted-foreground">
              Step {index + 1} of {CONNECTION_STEPS.length}
            </p>
            <h2 id="wizard-step-title" ref={headingRef} tabIndex={-1} className="text-lg font-semibold outline-none">
              {step.title}
            </h2>
          </div>
          {conflict.notice}
          <FormError message={formError} />
          {notice ? <Alert>{notice}</Alert> : null}

          {stepId === "settings" ? <SettingsSection callbackUrl={callbackUrl} /> : null}
          {stepId === "grant" ? <GrantSection /> : null}
          {stepId === "endpoints" ? <EndpointsSection allowHttp={allowHttp} hasReviewStep /> : null}
          {stepId === "client" && saved ? (
            <ClientSection
              storedSecret={storedSecret}
              clientKey={{ connectionId: saved.id, stored: clientKey, onStored: setClientKey }}
              clientCertificate={{ connectionId: saved.id, stored: clientCertificate, onStored: setClientCertificate }}
            />
          ) : null}
          {stepId === "tokens" ? <TokensSection /> : null}
          {stepId === "review" ? (
            <WizardReviewStep
              values={values}
              storedSecret={storedSecret}
              callbackUrl={callbackUrl}
              onEdit={(s) => go(s, saved?.id)}
            />
          ) : null}

          <WizardStepButtons
            canGoBack={index > 0}
            onReview={stepId === "review"}
            busy={busy}
            onBack={goBack}
            onSave={(andTest) => void save(andTest)}
          />
        </form>
      </div>
    </FormProvider>
  );
}
