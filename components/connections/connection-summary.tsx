import * as React from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { CLIENT_AUTH_METHOD_LABELS, GRANT_TYPE_LABELS, TOKEN_SHARING_LABELS, type ClientAuthMethod } from "@/lib/connections/connection-options";
import { findProviderPreset, providerLabel } from "@/lib/connections/provider-presets";
import type { ConnectionFormValues, EditableStepId } from "@/lib/schemas/connection";
import { maskedSecret, type StoredSecret } from "@/lib/connections/masked-secret";

export type ConnectionSummaryData = Omit<ConnectionFormValues, "clientSecret"> & StoredSecret;

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-0.5 py-2 sm:grid-cols-[14rem_1fr] sm:gap-4">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="text-sm break-all">{children}</dd>
    </div>
  );
}

function Value({ value, mono }: { value: string | null | undefined; mono?: boolean }) {
  if (!value) return <span className="text-muted-foreground">Not set</span>;
  return <span className={mono ? "font-mono text-xs" : undefined}>{value}</span>;
}

/** A value an admin pastes elsewhere (the provider's console, a script): shown with a copy button. */
function CopyableRow({ label, copyLabel, value }: { label: string; copyLabel: string; value: string | null | undefined }) {
  return (
    <Row label={label}>
      {value ? (
        <span className="flex items-start gap-1">
          <span className="min-w-0 pt-1 font-mono text-xs">{value}</span>
          <CopyButton value={value} label={`Copy ${copyLabel}`} compact />
        </span>
      ) : (
        <Value value={value} />
      )}
    </Row>
  );
}

function Pairs({ rows }: { rows: readonly { key: string; value: string }[] }) {
  const filled = rows.filter((r) => r.key || r.value);
  if (filled.length === 0) return <span className="text-muted-foreground">None</span>;
  return (
    <ul className="grid gap-0.5 font-mono text-xs">
      {filled.map((r, i) => (
        <li key={`${r.key}-${i}`}>
          {r.key}={r.value}
        </li>
      ))}
    </ul>
  );
}

function Section({ title, step, onEdit, children }: { title: string; step: EditableStepId; onEdit?: (step: EditableStepId) => void; children: React.ReactNode }) {
  return (
    <Card>
      <CardHeader className="flex-row items-center justify-between">
        <CardTitle>{title}</CardTitle>
        {onEdit ? (
          <button type="button" className="text-sm text-primary underline-offset-4 hover:underline" onClick={() => onEdit(step)} aria-label={`Change ${title.toLowerCase()}`}>
            Change
          </button>
        ) : null}
      </CardHeader>
      <CardContent>
        <dl className="divide-y">{children}</dl>
      </CardContent>
    </Card>
  );
}

function secretText(data: ConnectionSummaryData): string {
  if (data.clientAuthMethod === "none") return "None (public client)";
  return data.hasClientSecret ? maskedSecret(data.clientSecretLast4) : "Not set";
}

/** Every non-secret setting of a connection, grouped like the wizard's steps. */
export function ConnectionSummary({ data, callbackUrl, onEdit }: { data: ConnectionSummaryData; callbackUrl: string; onEdit?: (step: EditableStepId) => void }) {
  const preset = findProviderPreset(data.providerType);
  const codeFlow = data.grantType !== "client_credentials";
  return (
    <div className="grid grid-cols-1 gap-4" data-testid="connection-summary">
      <Section title="Connection settings" step="settings" onEdit={onEdit}>
        <Row label="Provider type">{providerLabel(data.providerType)}</Row>
        {preset?.placeholders.map((p) => (
          <Row key={p.key} label={p.label}>
            <Value value={data.providerParams[p.key]} mono />
          </Row>
        ))}
        <Row label="Connection name">{data.name}</Row>
        <Row label="Description">
          <Value value={data.description} />
        </Row>
        {codeFlow ? <CopyableRow label="Callback URL" copyLabel="callback URL" value={callbackUrl} /> : null}
      </Section>
      <Section title="Grant type" step="grant" onEdit={onEdit}>
        <Row label="Grant type">{GRANT_TYPE_LABELS[data.grantType]}</Row>
        {data.grantType === "authorization_code_pkce" ? <Row label="PKCE method">{data.pkceMethod}</Row> : null}
      </Section>
      <Section title="Endpoints" step="endpoints" onEdit={onEdit}>
        <CopyableRow label="Issuer URL" copyLabel="issuer URL" value={data.issuer} />
        {codeFlow ? <CopyableRow label="Authorization URL" copyLabel="authorization URL" value={data.authorizationUrl} /> : null}
        <CopyableRow label="Token URL" copyLabel="token URL" value={data.tokenUrl} />
        <CopyableRow label="Userinfo URL" copyLabel="userinfo URL" value={data.userinfoUrl} />
        <CopyableRow label="Revocation URL" copyLabel="revocation URL" value={data.revocationUrl} />
        <CopyableRow label="JWKS URL" copyLabel="JWKS URL" value={data.jwksUrl} />
        <Row label="Discovery metadata">{data.discoveryMetadata ? "Imported" : <span className="text-muted-foreground">Not imported</span>}</Row>
      </Section>
      <Section title="Client" step="client" onEdit={onEdit}>
        <CopyableRow label="Client ID" copyLabel="client ID" value={data.clientId} />
        <Row label="Client secret">
          <span data-testid="client-secret-summary">{secretText(data)}</span>
        </Row>
        <Row label="Client authentication">{CLIENT_AUTH_METHOD_LABELS[data.clientAuthMethod as ClientAuthMethod] ?? data.clientAuthMethod}</Row>
        <Row label="Scopes">
          {data.scopes.length ? <span className="font-mono text-xs wrap-anywhere">{data.scopes.join(" ")}</span> : <span className="text-muted-foreground">None</span>}
        </Row>
        <Row label="Audience">
          <Value value={data.audience} mono />
        </Row>
        <Row label="Resource">
          <Value value={data.resource} mono />
        </Row>
        {codeFlow ? (
          <Row label="Additional authorization parameters">
            <Pairs rows={data.authParams} />
          </Row>
        ) : null}
        <Row label="Additional token parameters">
          <Pairs rows={data.tokenParams} />
        </Row>
      </Section>
      <Section title="Tokens" step="tokens" onEdit={onEdit}>
        <Row label="Token sharing">{TOKEN_SHARING_LABELS[data.tokenSharing]}</Row>
        <Row label="Refresh tokens automatically">{data.autoRefresh ? "On" : "Off"}</Row>
        <Row label="Default token lifetime">{Number.isFinite(data.defaultTokenLifetime) ? `${data.defaultTokenLifetime} seconds` : "Not set"}</Row>
        <Row label="Refresh margin">{Number.isFinite(data.refreshMarginSeconds) ? `${data.refreshMarginSeconds} seconds` : "Not set"}</Row>
      </Section>
    </div>
  );
}
