import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { ConnectionDetailHeader } from "@/components/connections/detail/connection-detail-header";
import { HealthOverview } from "@/components/connections/detail/health-overview";
import { ConfigurationSection } from "@/components/connections/detail/configuration-section";
import { TestsSection } from "@/components/connections/detail/tests-section";
import { EnableConnectionButton } from "@/components/connections/detail/enable-connection-button";
import { AuditSection } from "@/components/connections/detail/audit-section";
import { TokenApiCard } from "@/components/api-keys/token-api-card";
import { PublicKeyCard } from "@/components/connections/detail/public-key-card";
import { CertificateExpiryNotice } from "@/components/connections/detail/certificate-expiry-notice";
import { clientPublicKeyOf } from "@/lib/connections/connection-client-key";
import { KeyRotationCard } from "@/components/connections/detail/key-rotation-card";
import { clientKeyRotationOf } from "@/lib/connections/client-key-rotation";
import { ClientCertificateCard } from "@/components/connections/detail/client-certificate-card";
import { clientCertificateOf } from "@/lib/connections/connection-client-certificate";
import { credentialNeedOf, isClientAuthMethod } from "@/lib/oauth/client-auth/client-auth-methods";
import { requirePageUser } from "@/lib/auth/session";
import { findConnectionName, findConnectionWithAuthors } from "@/lib/connections/find-connections";
import { connectionViewFrom } from "@/lib/connections/connection-record";
import { DpopKeyCard } from "@/components/connections/detail/dpop-key-card";
import { dpopKeyFactsOf } from "@/lib/connections/connection-dpop-key";

type Props = { params: Promise<{ connectionId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requirePageUser();
  const row = await findConnectionName((await params).connectionId);
  return { title: row?.name ?? "Connection" };
}

/** A connection: health first, then its configuration, tests and audit. */
export default async function ConnectionPage({ params }: Props) {
  const user = await requirePageUser();
  const row = await findConnectionWithAuthors((await params).connectionId);
  if (!row) notFound();
  const connection = connectionViewFrom(row);
  const isAdmin = user.role === "ADMIN";
  const active = connection.status === "ACTIVE";
  const dpopKey = dpopKeyFactsOf(row);

  return (
    <>
      <ConnectionDetailHeader
        connection={connection}
        isAdmin={isAdmin}
        autoStartTest={isAdmin && active && connection.enabled}
      />
      <div className="grid grid-cols-1 gap-8">
        {connection.status === "DRAFT" ? (
          <Alert variant="warning">
            This connection is a draft: it is not active until{" "}
            {isAdmin ? "you finish the wizard and save it" : "an admin finishes and saves it"}.
          </Alert>
        ) : null}
        {!connection.enabled ? (
          <Alert variant="warning" className="flex flex-wrap items-center justify-between gap-3">
            <span>
              This connection is disabled: bots and apps asking the token API for its token get an error. Its settings
              are kept.
            </span>
            {isAdmin ? <EnableConnectionButton connectionId={connection.id} /> : null}
          </Alert>
        ) : null}
        <CertificateExpiryNotice expiresAt={row.clientCertificateExpiresAt} />
        {active ? <HealthOverview connection={connection} /> : null}
        <ConfigurationSection connection={connection} canFix={isAdmin} />
        {row.clientAuthMethod === "private_key_jwt" ? (
          <PublicKeyCard connectionId={row.id} publicKey={clientPublicKeyOf(row)} />
        ) : null}
        {row.clientAuthMethod === "private_key_jwt" && row.publicKeyJwk ? (
          <KeyRotationCard connectionId={row.id} rotation={clientKeyRotationOf(row)} isAdmin={isAdmin} />
        ) : null}
        {isClientAuthMethod(row.clientAuthMethod) && credentialNeedOf(row.clientAuthMethod) === "certificate" ? (
          <ClientCertificateCard
            connectionId={row.id}
            certificate={clientCertificateOf(row)}
            selfSignedMethod={row.clientAuthMethod === "self_signed_tls_client_auth"}
          />
        ) : null}
        {dpopKey ? <DpopKeyCard dpopKey={dpopKey} /> : null}
        {active ? <TestsSection connectionId={connection.id} /> : null}
        {active ? <TokenApiCard connection={connection} dpop={Boolean(dpopKey)} /> : null}
        <AuditSection connection={connection} />
      </div>
    </>
  );
}
