import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { ConnectionWizard, type WizardDraft } from "@/components/connections/connection-wizard";
import { requirePageUser } from "@/lib/auth/session";
import { findConnection } from "@/lib/connections/find-connections";
import { getConfig } from "@/lib/config/env";
import { connectionFormValuesFrom } from "@/lib/connections/connection-record";
import { clientKeySummaryOf } from "@/lib/connections/connection-client-key";
import { clientCertificateOf } from "@/lib/connections/connection-client-certificate";
import type { ClientCertificateSummary } from "@/lib/schemas/client-certificate";
import type { ClientKeySummary } from "@/lib/schemas/client-key";
import { callbackUrlFor } from "@/lib/connections/callback-url";
import { CONNECTION_STEPS, type ConnectionStepId } from "@/lib/connections/connection-steps";
import { EMPTY_CONNECTION_VALUES, isStepId, stepIndex } from "@/lib/schemas/connection";

export const metadata: Metadata = { title: "New connection" };

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

  let initialValues = EMPTY_CONNECTION_VALUES;
  let draft: WizardDraft | null = null;
  let clientKey: ClientKeySummary | null = null;
  let clientCertificate: ClientCertificateSummary | null = null;
  let initialStep: ConnectionStepId = "settings";
  let reachedStep = 0;
  if (draftId) {
    const row = await findConnection(draftId);
    if (!row) notFound();
    if (row.status !== "DRAFT") redirect(`/connections/${row.id}`);
    initialValues = connectionFormValuesFrom(row);
    draft = {
      id: row.id,
      version: row.version,
      hasClientSecret: Boolean(row.clientSecretEncrypted),
      clientSecretLast4: row.clientSecretEncrypted ? row.clientSecretLast4 : null,
    };
    clientKey = clientKeySummaryOf(row);
    clientCertificate = clientCertificateOf(row);
    // Resume at the requested step if it was reached before, else at the furthest step reached.
    reachedStep = Math.min(row.draftStep, CONNECTION_STEPS.length - 1);
    initialStep =
      isStepId(requestedStep) && stepIndex(requestedStep) <= reachedStep
        ? requestedStep
        : CONNECTION_STEPS[reachedStep]!.id;
  }

  return (
    <>
      <PageHeader
        title={draft ? `Draft: ${initialValues.name}` : "New connection"}
        description="Each Next saves a draft, so you can leave and come back. Nothing is active until you save on the Review step."
      />
      <ConnectionWizard
        initialValues={initialValues}
        initialStep={initialStep}
        reachedStep={reachedStep}
        draft={draft}
        initialClientKey={clientKey}
        initialClientCertificate={clientCertificate}
        allowHttp={config.outboundAllowHttp}
        callbackUrl={callbackUrlFor(config)}
      />
    </>
  );
}
