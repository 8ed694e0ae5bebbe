import * as React from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import {
  CHECK_SCHEDULE_LABELS,
  CLIENT_AUTH_METHOD_LABELS,
  GRANT_TYPE_LABELS,
  TOKEN_SHARING_LABELS,
} from "@/lib/connections/connection-options";
import { FormattedDate } from "@/components/ui/formatted-date";
import type { ClientAuthMethod } from "@/lib/oauth/client-auth/client-auth-methods";
import { findProviderPreset, providerLabel } from "@/lib/connections/provider-presets";
import type { ConnectionFormValues } from "@/lib/schemas/connection";
import type { EditableStepId } from "@/lib/connections/connection-steps";
import { maskedSecret, type StoredSecret } from "@/lib/connections/masked-secret";
import { fieldLabel } from "@/lib/connections/connection-fields";

export type ConnectionSummaryData = Omit<ConnectionFormValues, "clientSecret"> &
  StoredSecret & {
    /** A saved connection's next and last scheduled check (the wizard's review has neither yet). */
    nextCheckAt?: string | null;
    lastCheckAt?: string | null;
  };

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
function CopyableRow({ label, value }: { label: string; value: string | null | undefined }) {
  // "Token URL" is copied as "token URL"; an acronym such as "JWKS URL" stays as it is.
  const copyLabel = label.replace(/^[A-Z](?=[a-z])/, (first) => first.toLowerCase());
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

function Section({
  title,
  step,
  onEdit,
  children,
}: {
  title: string;
  step: EditableStepId;
  onEdit?: (step: EditableStepId) => void;
  children: React.ReactNode;
}) {
  return (
    <Card>
      <CardHeader className="flex-row items-center justify-between">
        <CardTitle>{title}</CardTitle>
        {onEdit ? (
          <button
            type="button"
            className="text-sm text-primary underline-offset-4 hover:underline"
            onClick={() => onEdit(step)}
            aria-label={`Change ${title.toLowerCase()}`}
          >
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
  if (data.clientAuthMethod === "private_key_jwt") return "None (a private key signs the assertion)";
  return data.hasClientSecret ? maskedSecret(data.clientSecretLast4) : "Not set";
}

/** Every non-secret setting of a connection, grouped like the wizard's steps. */
export function ConnectionSummary({
  data,
  callbackUrl,
  onEdit,
}: {
  data: ConnectionSummaryData;
  callbackUrl: string;
  onEdit?: (step: EditableStepId) => void;
}) {
  const preset = findProviderPreset(data.providerType);
  const codeFlow = data.grantType !== "client_credentials";
  return (
    <div className="grid grid-cols-1 gap-4" data-testid="connection-summary">
      <Section title="Connection settings" step="settings" onEdit={onEdit}>
        <Row label={fieldLabel("providerType")}>{providerLabel(data.providerType)}</Row>
        {preset?.placeholders.map((p) => (
          <Row key={p.key} label={p.label}>
            <Value value={data.providerParams[p.key]} mono />
          </Row>
        ))}
        <Row label={fieldLabel("name")}>{data.name}</Row>
        <Row label={fieldLabel("description")}>
          <Value value={data.description} />
        </Row>
        {codeFlow ? <CopyableRow label="Callback URL" value={callbackUrl} /> : null}
      </Section>
      <Section title="Grant type" step="grant" onEdit={onEdit}>
        <Row label={fieldLabel("grantType")}>{GRANT_TYPE_LABELS[data.grantType]}</Row>
        {data.grantType === "authorization_code_pkce" ? (
          <Row label={fieldLabel("pkceMethod")}>{data.pkceMethod}</Row>
        ) : null}
      </Section>
      <Section title="Endpoints" step="endpoints" onEdit={onEdit}>
        <CopyableRow label={fieldLabel("issuer")} value={data.issuer} />
        {codeFlow ? <CopyableRow label={fieldLabel("authorizationUrl")} value={data.authorizationUrl} /> : null}
        <CopyableRow label={fieldLabel("tokenUrl")} value={data.tokenUrl} />
        <CopyableRow label={fieldLabel("userinfoUrl")} value={data.userinfoUrl} />
        <CopyableRow label={fieldLabel("revocationUrl")} value={data.revocationUrl} />
        <CopyableRow label={fieldLabel("jwksUrl")} value={data.jwksUrl} />
        <Row label={fieldLabel("discoveryMetadata")}>
          {data.discoveryMetadata ? "Imported" : <span className="text-muted-foreground">Not imported</span>}
        </Row>
      </Section>
      <Section title="Client" step="client" onEdit={onEdit}>
        <CopyableRow label={fieldLabel("clientId")} value={data.clientId} />
        <Row label={fieldLabel("clientSecret")}>
          <span data-testid="client-secret-summary">{secretText(data)}</span>
        </Row>
        {data.clientAuthMethod !== "none" ? (
          <Row label={fieldLabel("clientSecretExpiresOn")}>
            <Value value={data.clientSecretExpiresOn} />
          </Row>
        ) : null}
        <Row label={fieldLabel("clientAuthMethod")}>
          {CLIENT_AUTH_METHOD_LABELS[data.clientAuthMethod as ClientAuthMethod] ?? data.clientAuthMethod}
        </Row>
        <Row label={fieldLabel("scopes")}>
          {data.scopes.length ? (
            <span className="font-mono text-xs wrap-anywhere">{data.scopes.join(" ")}</span>
          ) : (
            <span className="text-muted-foreground">None</span>
          )}
        </Row>
        <Row label={fieldLabel("audience")}>
          <Value value={data.audience} mono />
        </Row>
        <Row label={fieldLabel("resource")}>
          <Value value={data.resource} mono />
        </Row>
        {codeFlow ? (
          <Row label={fieldLabel("authParams")}>
            <Pairs rows={data.authParams} />
          </Row>
        ) : null}
        <Row label={fieldLabel("tokenParams")}>
          <Pairs rows={data.tokenParams} />
        </Row>
      </Section>
      <Section title="Tokens" step="tokens" onEdit={onEdit}>
        <Row label={fieldLabel("tokenSharing")}>{TOKEN_SHARING_LABELS[data.tokenSharing]}</Row>
        <Row label={fieldLabel("autoRefresh")}>{data.autoRefresh ? "On" : "Off"}</Row>
        <Row label={fieldLabel("defaultTokenLifetime")}>
          {Number.isFinite(data.defaultTokenLifetime) ? `${data.defaultTokenLifetime} seconds` : "Not set"}
        </Row>
        <Row label={fieldLabel("refreshMarginSeconds")}>
          {Number.isFinite(data.refreshMarginSeconds) ? `${data.refreshMarginSeconds} seconds` : "Not set"}
        </Row>
        <Row label={fieldLabel("checkSchedule")}>
          {CHECK_SCHEDULE_LABELS[data.checkSchedule ?? "off"]}
          {data.checkSchedule !== "off" && data.nextCheckAt ? (
            <span className="text-muted-foreground">
              {" "}
              · next <FormattedDate value={data.nextCheckAt} />
            </span>
          ) : null}
          {data.checkSchedule !== "off" && data.nextCheckAt === null ? (
            <span className="text-muted-foreground"> · its time is set within a minute</span>
          ) : null}
          {data.lastCheckAt ? (
            <span className="text-muted-foreground">
              {" "}
              · last <FormattedDate value={data.lastCheckAt} />
            </span>
          ) : null}
        </Row>
      </Section>
    </div>
  );
}
