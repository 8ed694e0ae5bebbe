"use client";

import { Controller, useFormContext, useWatch } from "react-hook-form";
import { FieldError } from "@/components/ui/field";
import {
  ConnectionChoiceSelect,
  ConnectionInput,
  ConnectionSelect,
} from "@/components/connections/sections/connection-field";
import { ChoiceOptions } from "@/components/ui/choice-options";
import { KeyValueRows } from "@/components/connections/key-value-rows";
import { ScopesInput } from "@/components/connections/scopes-input";
import { CLIENT_AUTH_METHOD_LABELS, usesAuthorizationCode } from "@/lib/connections/connection-options";
import { BASIC_AUTH_ENCODING_LABELS } from "@/lib/oauth/client-auth/client-secret-basic";
import { ASSERTION_AUDIENCE_LABELS } from "@/lib/oauth/client-auth/client-secret-jwt";
import { CREDENTIAL_NEED_LABELS, type CredentialNeed } from "@/lib/oauth/client-auth/client-auth-method";
import {
  credentialNeedOf,
  needsClientSecret,
  type ClientAuthMethod,
} from "@/lib/oauth/client-auth/client-auth-methods";
import { ClientKeyPanel } from "@/components/connections/client-key-panel";
import { ClientCertificatePanel } from "@/components/connections/client-certificate-panel";
import type { ClientCertificateSummary } from "@/lib/schemas/client-certificate";
import type { ClientKeySummary } from "@/lib/schemas/client-key";
import { clientAuthMethodsFor } from "@/lib/connections/grant-fields";
import type { ConnectionFormValues } from "@/lib/schemas/connection";
import { maskedSecret, type StoredSecret } from "@/lib/connections/masked-secret";
import { originOfUrl } from "@/lib/connections/secret-binding";
import { fieldLabel } from "@/lib/connections/connection-fields";
import { RequestSecurityFields } from "@/components/connections/sections/request-security-fields";

type SecretBaseline = Pick<ConnectionFormValues, "tokenUrl" | "issuer">;

/** private_key_jwt's stored key (its kid) and where a new one is stored. */
export type ClientKeyState = {
  connectionId: string;
  stored: ClientKeySummary | null;
  onStored: (key: ClientKeySummary) => void;
};

/** The mTLS client certificate (its facts) and where a new one is stored. */
export type ClientCertificateState = {
  connectionId: string;
  stored: ClientCertificateSummary | null;
  onStored: (certificate: ClientCertificateSummary) => void;
};

/** `secretBaseline`: the endpoints the stored secret was saved with (edit form), to warn when they move. */
export function ClientSection({
  storedSecret,
  secretBaseline,
  clientKey,
  clientCertificate,
}: {
  storedSecret: StoredSecret;
  secretBaseline?: SecretBaseline;
  clientKey: ClientKeyState;
  clientCertificate: ClientCertificateState;
}) {
  const form = useFormContext<ConnectionFormValues>();
  const { control } = form;
  const grantType = useWatch({ control, name: "grantType" });
  const method = useWatch({ control, name: "clientAuthMethod" });
  const scopeErrors = form.formState.errors.scopes;
  const scopeItemErrors = Array.isArray(scopeErrors) ? scopeErrors.map((e) => e?.message) : [];
  const scopeMessage = scopeErrors?.message ?? scopeItemErrors.find(Boolean);
  const [tokenUrl, issuer] = useWatch({ control, name: ["tokenUrl", "issuer"] });
  // The server drops a stored secret whose token endpoint origin or issuer changed (lib/connections/secret-binding.ts).
  const secretMoved =
    storedSecret.hasClientSecret &&
    secretBaseline !== undefined &&
    (originOfUrl(tokenUrl || issuer) !== originOfUrl(secretBaseline.tokenUrl || secretBaseline.issuer) ||
      (issuer ?? "") !== (secretBaseline.issuer ?? ""));
  const secretHint = secretMoved
    ? "The token endpoint's origin or the issuer changed: the stored secret is never sent to a new place. Enter the client secret again."
    : storedSecret.hasClientSecret
      ? `A secret is stored (${maskedSecret(storedSecret.clientSecretLast4)}). Leave this empty to keep it, or type a new one to replace it.`
      : grantType === "authorization_code_pkce"
        ? "Required unless this is a public client (Client authentication: none)."
        : "Stored encrypted; it is never shown again.";
  return (
    <div className="grid gap-5">
      <ConnectionInput
        name="clientId"
        hint="The identifier the provider gave this application."
        autoComplete="off"
        spellCheck={false}
      />
      <ConnectionSelect name="clientAuthMethod" hint="How Handshake proves its identity at the token endpoint.">
        <ClientAuthOptions methods={clientAuthMethodsFor(grantType)} />
      </ConnectionSelect>
      {method === "client_secret_jwt" || method === "private_key_jwt" ? (
        <ConnectionChoiceSelect
          name="clientAssertionAudience"
          labels={ASSERTION_AUDIENCE_LABELS}
          hint="The aud claim of the signed assertion (RFC 7523 §3): most providers accept the issuer; some want the token endpoint URL."
        />
      ) : null}
      {method === "client_secret_basic" ? (
        <ConnectionChoiceSelect
          name="basicAuthEncoding"
          labels={BASIC_AUTH_ENCODING_LABELS}
          hint="RFC 6749 §2.3.1 form-encodes the client ID and secret before Base64 (- becomes %2D); many providers expect them as they are (RFC 7617)."
        />
      ) : null}
      {credentialNeedOf(method) === "key" ? <ClientKeyPanel {...clientKey} /> : null}
      {credentialNeedOf(method) === "certificate" ? <ClientCertificatePanel {...clientCertificate} /> : null}
      {needsClientSecret(method) ? (
        <>
          <ConnectionInput
            name="clientSecret"
            hint={secretHint}
            type="password"
            autoComplete="new-password"
            spellCheck={false}
            placeholder={storedSecret.hasClientSecret ? maskedSecret(storedSecret.clientSecretLast4) : undefined}
          />
          <ConnectionInput
            name="clientSecretExpiresOn"
            optional
            hint="When the provider says the secret stops working; Handshake reminds you 30, 14, 7 and 1 day(s) before."
            type="date"
            inputClassName="w-auto"
          />
        </>
      ) : null}
      <div className="grid gap-1.5">
        <label htmlFor="scopes" className="text-sm leading-none font-medium">
          {fieldLabel("scopes")}
          <span className="ml-1 font-normal text-muted-foreground">(optional)</span>
        </label>
        <Controller
          control={control}
          name="scopes"
          render={({ field }) => (
            <ScopesInput
              id="scopes"
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              itemErrors={scopeItemErrors}
              invalid={Boolean(scopeMessage)}
              describedBy={scopeMessage ? "scopes-hint scopes-error" : "scopes-hint"}
            />
          )}
        />
        <p id="scopes-hint" className="text-xs text-muted-foreground">
          Separate scopes with spaces or commas; press Enter to add. Duplicates are removed.
        </p>
        <FieldError id="scopes-error" message={scopeMessage} />
      </div>
      <div className="grid gap-5 sm:grid-cols-2">
        <ConnectionInput
          name="audience"
          optional
          hint="Sent as audience, for providers such as Auth0."
          autoComplete="off"
          spellCheck={false}
        />
        <ConnectionInput
          name="resource"
          optional
          hint="RFC 8707 resource indicator: an absolute URI."
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      {usesAuthorizationCode(grantType) ? <RequestSecurityFields /> : null}
      {usesAuthorizationCode(grantType) ? (
        <KeyValueRows
          name="authParams"
          legend={fieldLabel("authParams")}
          hint="Added to the authorization request, for example prompt=consent or access_type=offline."
          addLabel="Add authorization parameter"
        />
      ) : null}
      <KeyValueRows
        name="tokenParams"
        legend={fieldLabel("tokenParams")}
        hint="Added to every token request, for example a tenant or an API version the provider asks for."
        addLabel="Add token parameter"
        examples={{ key: "name, e.g. tenant_id", value: "value, e.g. contoso" }}
      />
    </div>
  );
}

const NEED_ORDER: CredentialNeed[] = ["secret", "key", "certificate", "nothing"];

/** The methods grouped by what each needs (a secret, a key, a certificate, nothing). */
function ClientAuthOptions({ methods }: { methods: ClientAuthMethod[] }) {
  return NEED_ORDER.map((need) => {
    const group = methods.filter((m) => credentialNeedOf(m) === need);
    if (group.length === 0) return null;
    return (
      <optgroup key={need} label={CREDENTIAL_NEED_LABELS[need]}>
        <ChoiceOptions choices={group} label={(m) => CLIENT_AUTH_METHOD_LABELS[m]} />
      </optgroup>
    );
  });
}
