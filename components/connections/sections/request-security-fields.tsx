"use client";

import { Controller, useFormContext } from "react-hook-form";
import { Field, FieldError } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { ChoiceOptions } from "@/components/ui/choice-options";
import { PAR_MODE_LABELS, PAR_MODES } from "@/lib/connections/connection-options";
import type { ConnectionFormValues } from "@/lib/schemas/connection";
import { fieldLabel } from "@/lib/connections/connection-fields";

/** How the authorization request travels: pushed first (PAR, RFC 9126) and/or signed (JAR, RFC 9101). */
export function RequestSecurityFields() {
  const { control, register, formState } = useFormContext<ConnectionFormValues>();
  const { errors } = formState;
  return (
    <fieldset className="grid gap-4 rounded-md border p-4">
      <legend className="px-1 text-sm font-medium">Authorization request security</legend>
      <Field
        id="parMode"
        label={fieldLabel("parMode")}
        hint="The parameters go to the provider's PAR endpoint with client authentication; the browser gets only client_id and a request_uri. “When the provider requires it” follows discovery and the provider's refusal of a plain request."
        error={errors.parMode?.message}
      >
        <NativeSelect {...register("parMode")}>
          <ChoiceOptions choices={PAR_MODES} label={(mode) => PAR_MODE_LABELS[mode]} />
        </NativeSelect>
      </Field>
      <div className="grid gap-1.5">
        <div className="flex items-center gap-3">
          <Controller
            control={control}
            name="useJar"
            render={({ field }) => (
              <Switch
                id="useJar"
                checked={field.value ?? false}
                onCheckedChange={field.onChange}
                onBlur={field.onBlur}
                aria-describedby="useJar-hint"
              />
            )}
          />
          <Label htmlFor="useJar">{fieldLabel("useJar")}</Label>
        </div>
        <p id="useJar-hint" className="text-xs text-muted-foreground">
          The parameters travel in a request object signed with the connection&apos;s private_key_jwt key; its public
          key is in the connection&apos;s JWKS. On by itself when discovery says require_signed_request_object.
        </p>
        <FieldError id="useJar-error" message={errors.useJar?.message} />
      </div>
    </fieldset>
  );
}
