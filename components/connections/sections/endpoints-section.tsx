"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { DiscoveryImport } from "@/components/connections/discovery-import";
import type { ConnectionFormValues } from "@/lib/schemas/connection";
import { fieldLabel } from "@/lib/connections/connection-fields";

const OPTIONAL_ENDPOINTS = [
  { name: "userinfoUrl", placeholder: "https://login.example.com/userinfo" },
  { name: "revocationUrl", placeholder: "https://login.example.com/revoke" },
  { name: "jwksUrl", placeholder: "https://login.example.com/jwks" },
] as const;

/** The provider's endpoints. */
export function EndpointsSection({ allowHttp, hasReviewStep }: { allowHttp: boolean; hasReviewStep: boolean }) {
  const { register, control, formState } = useFormContext<ConnectionFormValues>();
  const { errors } = formState;
  const grantType = useWatch({ control, name: "grantType" });
  const scheme = allowHttp ? "https:// (or http:// on this test server)" : "https://";
  return (
    <div className="grid gap-5">
      <Field
        id="issuer"
        label={fieldLabel("issuer")}
        optional
        hint="The provider's issuer identifier, exactly as it publishes it. Import from discovery reads its metadata and fills in the endpoints below."
        error={errors.issuer?.message}
      >
        <Input
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://login.example.com"
          {...register("issuer")}
        />
      </Field>
      <DiscoveryImport hasReviewStep={hasReviewStep} />
      {grantType !== "client_credentials" ? (
        <Field
          id="authorizationUrl"
          label={fieldLabel("authorizationUrl")}
          hint={`Where users sign in. Absolute ${scheme} URL.`}
          error={errors.authorizationUrl?.message}
        >
          <Input
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://login.example.com/authorize"
            {...register("authorizationUrl")}
          />
        </Field>
      ) : null}
      <Field
        id="tokenUrl"
        label={fieldLabel("tokenUrl")}
        hint={`Where tokens are requested. Absolute ${scheme} URL.`}
        error={errors.tokenUrl?.message}
      >
        <Input
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://login.example.com/token"
          {...register("tokenUrl")}
        />
      </Field>
      {OPTIONAL_ENDPOINTS.map((endpoint) => (
        <Field
          key={endpoint.name}
          id={endpoint.name}
          label={fieldLabel(endpoint.name)}
          optional
          error={errors[endpoint.name]?.message}
        >
          <Input
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder={endpoint.placeholder}
            {...register(endpoint.name)}
          />
        </Field>
      ))}
    </div>
  );
}
