import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { ConnectionEditForm } from "@/components/connections/connection-edit-form";
import { clientKeySummaryOf } from "@/lib/connections/connection-client-key";
import { clientCertificateOf } from "@/lib/connections/connection-client-certificate";
import { requirePageUser } from "@/lib/auth/session";
import { findConnection } from "@/lib/connections/find-connections";
import { getConfig } from "@/lib/config/env";
import { connectionFormValuesFrom } from "@/lib/connections/connection-record";
import { callbackUrlFor } from "@/lib/connections/callback-url";
import { countTokenSets } from "@/lib/tokens/token-store";
import { hasTestedConfiguration } from "@/lib/connections/good-configuration";

export const metadata: Metadata = { title: "Edit connection" };

export default async function EditConnectionPage({ params }: { params: Promise<{ connectionId: string }> }) {
  await requirePageUser("ADMIN");
  const row = await findConnection((await params).connectionId);
  if (!row) notFound();
  if (row.status === "DRAFT") redirect(`/connections/new?draft=${row.id}`);
  const config = getConfig();
  const [storedTokenSets, testedConfiguration] = await Promise.all([
    countTokenSets(row.id),
    hasTestedConfiguration(row.id),
  ]);
  return (
    <>
      <PageHeader title={`Edit ${row.name}`} description="Leave the client secret empty to keep the stored one." />
      <ConnectionEditForm
        connectionId={row.id}
        initialValues={connectionFormValuesFrom(row)}
        initialVersion={row.version}
        initialSecret={{
          hasClientSecret: Boolean(row.clientSecretEncrypted),
          clientSecretLast4: row.clientSecretEncrypted ? row.clientSecretLast4 : null,
        }}
        initialClientKey={clientKeySummaryOf(row)}
        initialClientCertificate={clientCertificateOf(row)}
        allowHttp={config.outboundAllowHttp}
        callbackUrl={callbackUrlFor(config)}
        storedTokenSets={storedTokenSets}
        testedConfiguration={testedConfiguration}
      />
    </>
  );
}
