import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft } from "lucide-react";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FactList, type Fact } from "@/components/ui/fact-list";
import { FormattedDate } from "@/components/ui/formatted-date";
import { ApiKeyStatusBadge } from "@/components/api-keys/api-key-status-badge";
import { RevokeApiKeyButton } from "@/components/api-keys/revoke-api-key-button";
import { TokenReadsTable } from "@/components/api-keys/token-reads-table";
import { describeUserAccess, LastUse } from "@/components/api-keys/api-keys-table";
import { LastRefusal } from "@/components/api-keys/last-refusal";
import { requirePageUser } from "@/lib/auth/session";
import { getApiKey, listTokenReads } from "@/lib/api-keys/list-api-keys";
import { PERMISSION_LABELS } from "@/lib/api-keys/permissions";
import { ApiKeyPermissionsForm } from "@/components/api-keys/api-key-permissions-form";

type Props = { params: Promise<{ apiKeyId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requirePageUser();
  const key = await getApiKey((await params).apiKeyId);
  return { title: key ? `API key ${key.name}` : "API key" };
}

export default async function ApiKeyPage({ params }: Props) {
  const user = await requirePageUser("AUDITOR");
  const { apiKeyId } = await params;
  const [key, reads] = await Promise.all([getApiKey(apiKeyId), listTokenReads({ apiKeyId })]);
  if (!key) notFound();
  const facts: Fact[] = [
    ["Status", <ApiKeyStatusBadge key="status" status={key.status} />],
    [
      "Key",
      <code key="prefix" className="font-mono text-xs">
        {key.displayPrefix}… (shown in full only when it was created)
      </code>,
    ],
    [
      "Connections",
      key.allConnections ? (
        "All connections"
      ) : (
        <span key="connections" className="flex flex-wrap gap-x-3">
          {key.connections.map((c) => (
            <Link key={c.id} href={`/connections/${c.id}`} className="hover:underline">
              {c.name}
            </Link>
          ))}
        </span>
      ),
    ],
    [
      "Permissions",
      <span key="permissions" className="flex flex-wrap gap-x-3" data-testid="api-key-permissions">
        {key.permissions.map((p) => (
          <code key={p} className="font-mono text-xs" title={PERMISSION_LABELS[p]}>
            {p}
          </code>
        ))}
      </span>,
    ],
    ["Users' tokens on Per-user connections", describeUserAccess(key)],
    ["Requests per minute", String(key.rateLimitPerMinute)],
    ["Last used", <LastUse key="used" value={key} />],
    [
      "Refused calls",
      <span key="refused-count" data-testid="api-key-refused-count">
        {key.refusedCount}
      </span>,
    ],
    ["Last refused call", <LastRefusal key="refused" value={key} />],
    ["Token reads (24 h)", String(key.readsLast24h)],
    ["Expires", key.expiresAt ? <FormattedDate key="expires" value={key.expiresAt} /> : "Never"],
    [
      "Created",
      <span key="created">
        <FormattedDate value={key.createdAt} /> by {key.createdByEmail ?? "unknown"}
      </span>,
    ],
  ];
  if (key.revokedAt)
    facts.push([
      "Revoked",
      <span key="revoked">
        <FormattedDate value={key.revokedAt} /> by {key.revokedByEmail ?? "unknown"}
      </span>,
    ]);

  return (
    <>
      <Link
        href="/api-keys"
        className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline"
      >
        <ArrowLeft className="size-4" aria-hidden />
        API keys
      </Link>
      <PageHeader
        title={key.name}
        actions={
          user.role === "ADMIN" && key.status !== "revoked" ? (
            <RevokeApiKeyButton apiKeyId={key.id} name={key.name} />
          ) : null
        }
      />
      <div className="grid gap-6">
        <Card>
          <CardContent className="pt-6">
            <FactList facts={facts} testId="api-key-facts" />
          </CardContent>
        </Card>
        {user.role === "ADMIN" && key.status !== "revoked" ? (
          <Card>
            <CardHeader>
              <CardTitle>Change permissions</CardTitle>
            </CardHeader>
            <CardContent>
              <ApiKeyPermissionsForm apiKeyId={key.id} permissions={key.permissions} />
            </CardContent>
          </Card>
        ) : null}
        <Card>
          <CardHeader>
            <CardTitle>Token reads per hour</CardTitle>
          </CardHeader>
          <CardContent>
            <TokenReadsTable rows={reads} by="connection" />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
