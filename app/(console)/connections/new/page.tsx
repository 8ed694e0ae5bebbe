import type * as React from "react";
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { ConnectionWizard } from "@/components/connections/connection-wizard";
import { requirePageUser } from "@/lib/auth/session";
import { findConnection } from "@/lib/connections/find-connections";
import { getConfig } from "@/lib/config/env";
import { connectionFormValuesFrom } from "@/lib/connections/connection-record";
import { clientKeySummaryOf } from "@/lib/connections/connection-client-key";
import { clientCertificateOf } from "@/lib/connections/connection-client-certificate";
import { callbackUrlFor } from "@/lib/connections/callback-url";
import { CONNECTION_STEPS } from "@/lib/connections/connection-steps";
import { EMPTY_CONNECTION_VALUES, isStepId, stepIndex } from "@/lib/schemas/connection";

export const metadata: Metadata = { title: "New connection" };

/** Where the wizard starts: its values, stored credentials and steps. */
type WizardStart = Pick<
  React.ComponentProps<typeof ConnectionWizard>,
  "initialValues" | "initialStep" | "reachedStep" | "draft" | "initialClientKey" | "initialClientCertificate"
>;

const NEW_CONNECTION: WizardStart = {
  initialValues: EMPTY_CONNECTION_VALUES,
  initialStep: "settings",
  reachedStep: 0,
  draft: null,
  initialClientKey: null,
  initialClientCertificate: null,
};

/**
 * A draft resumed: its values and stored credentials, at the requested step if it was reached
 * before, else at the furthest step reached. Not found, or no longer a draft: its own page.
 */
async function resumeDraft(draftId: string, requestedStep: string | undefined): Promise<WizardStart> {
  const row = await findConnection(draftId);
  if (!row) notFound();
  if (row.status !== "DRAFT") redirect(`/connections/${row.id}`);
  const reachedStep = Math.min(row.draftStep, CONNECTION_STEPS.length - 1);
  return {
    initialValues: connectionFormValuesFrom(row),
    initialStep:
      isStepId(requestedStep) && stepIndex(requestedStep) <= reachedStep
        ? requestedStep
        : CONNECTION_STEPS[reachedStep]!.id,
    reachedStep,
    draft: {
      id: row.id,
      version: row.version,
      hasClientSecret: Boolean(row.clientSecretEncrypted),
      clientSecretLast4: row.clientSecretEncrypted ? row.clientSecretLast4 : null,
    },
    initialClientKey: clientKeySummaryOf(row),
    initialClientCertificate: clientCertificateOf(row),
  };
}

/** The wizard, new or resuming a draft: `?draft=<id>&step=<step>`. */
export default async function NewConnectionPage({
  searchParams,
}: {
  searchParams: Promise<{ draft?: string | string[]; step?: string | string[] }>;
}) {
  await requirePageUser("ADMIN");
  const { draft: draftParam, step: stepParam } = await searchParams;
  const draftId = typeof draftParam === "string" ? draftParam : undefined;
  const requestedStep = typeof stepParam === "string" ? stepParam : undefined;
  const config = getConfig();
  const start = draftId ? await resumeDraft(draftId, requestedStep) : NEW_CONNECTION;

  return (
    <>
      <PageHeader
        title={start.draft ? `Draft: ${start.initialValues.name}` : "New connection"}
        description="Each Next saves a draft, so you can leave and come back. Nothing is active until you save on the Review step."
      />
      <ConnectionWizard {...start} allowHttp={config.outboundAllowHttp} callbackUrl={callbackUrlFor(config)} />
    </>
  );
}
