"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { ConnectionInput } from "@/components/connections/sections/connection-field";
import { DiscoveryImport } from "@/components/connections/discovery-import";
import type { ConnectionFormValues } from "@/lib/schemas/connection";

type EndpointName = "issuer" | "authorizationUrl" | "tokenUrl" | "userinfoUrl" | "revocationUrl" | "jwksUrl";

const OPTIONAL_ENDPOINTS = [
  { name: "userinfoUrl", placeholder: "https://login.example.com/userinfo" },
  { name: "revocationUrl", placeholder: "https://login.example.com/revoke" },
  { name: "jwksUrl", placeholder: "https://login.example.com/jwks" },
] as const;

/** The provider's endpoints. */
export function EndpointsSection({ allowHttp, hasReviewStep }: { allowHttp: boolean; hasReviewStep: boolean }) {
  const { control } = useFormContext<ConnectionFormValues>();
  const grantType = useWatch({ control, name: "grantType" });
  const scheme = allowHttp ? "https:// (or http:// on this test server)" : "https://";
  return (
    <div className="grid gap-5">
      <UrlField
        name="issuer"
        optional
        hint="The provider's issuer identifier, exactly as it publishes it. Import from discovery reads its metadata and fills in the endpoints below."
        placeholder="https://login.example.com"
      />
      <DiscoveryImport hasReviewStep={hasReviewStep} />
      {grantType !== "client_credentials" ? (
        <UrlField
          name="authorizationUrl"
          hint={`Where users sign in. Absolute ${scheme} URL.`}
          placeholder="https://login.example.com/authorize"
        />
      ) : null}
      <UrlField
        name="tokenUrl"
        hint={`Where tokens are requested. Absolute ${scheme} URL.`}
        placeholder="https://login.example.com/token"
      />
      {OPTIONAL_ENDPOINTS.map((endpoint) => (
        <UrlField key={endpoint.name} name={endpoint.name} optional placeholder={endpoint.placeholder} />
      ))}
    </div>
  );
}

function UrlField({
  name,
  placeholder,
  hint,
  optional,
}: {
  name: EndpointName;
  placeholder: string;
  hint?: string;
  optional?: boolean;
}) {
  return (
    <ConnectionInput
      name={name}
      hint={hint}
      optional={optional}
      type="url"
      inputMode="url"
      autoComplete="off"
      spellCheck={false}
      placeholder={placeholder}
    />
  );
}
