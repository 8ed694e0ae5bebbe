"use client";

import { useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { NativeSelect, Textarea } from "@/components/ui/input";
import { ChoiceOptions } from "@/components/ui/choice-options";
import { FormError } from "@/components/forms/form-error";
import { useActionForm } from "@/components/forms/use-action-form";
import { ClientCertificateFacts } from "@/components/connections/client-certificate-facts";
import {
  CLIENT_CERTIFICATE_DEFAULTS,
  CLIENT_CERTIFICATE_SOURCES,
  clientCertificateSchema,
  type ClientCertificateInput,
  type ClientCertificateSummary,
} from "@/lib/schemas/client-certificate";
import { storeClientCertificateAction } from "@/app/(console)/connections/client-certificate-actions";

const SOURCE_LABELS = {
  generate: "Generate a self-signed certificate on the server",
  pem: "Upload a certificate and its private key (PEM)",
};

/**
 * The mTLS client certificate (RFC 8705), on the Client step: generated on the server or uploaded.
 * Its own small form inside the connection form, so its button is a plain button; only the
 * certificate and its facts come back, and a pasted key is cleared once it is stored.
 */
export function ClientCertificatePanel({
  connectionId,
  stored,
  onStored,
}: {
  connectionId: string;
  stored: ClientCertificateSummary | null;
  onStored: (certificate: ClientCertificateSummary) => void;
}) {
  const { form, formError, onSubmit } = useActionForm<ClientCertificateInput, ClientCertificateSummary>({
    schema: clientCertificateSchema,
    defaultValues: CLIENT_CERTIFICATE_DEFAULTS,
    action: (values) => storeClientCertificateAction(connectionId, values),
    onSuccess: (certificate) => {
      form.reset({ ...form.getValues(), clientCertificatePem: "", clientCertificateKey: "" });
      onStored(certificate);
    },
  });
  const { register, control, formState } = form;
  const { errors, isSubmitting } = formState;
  const source = useWatch({ control, name: "source" });
  return (
    <section aria-labelledby="client-certificate-title" className="grid gap-4 rounded-md border p-4">
      <h3 id="client-certificate-title" className="text-sm font-semibold">
        Client certificate
      </h3>
      {stored ? (
        <ClientCertificateFacts certificate={stored} />
      ) : (
        <p className="text-sm text-muted-foreground" aria-live="polite">
          No certificate yet. Generate or upload one; the private key stays on the server.
        </p>
      )}
      <FormError message={formError} />
      <Field id="clientCertificateSource" label="Certificate source" error={errors.source?.message}>
        <NativeSelect {...register("source")}>
          <ChoiceOptions choices={CLIENT_CERTIFICATE_SOURCES} label={(s) => SOURCE_LABELS[s]} />
        </NativeSelect>
      </Field>
      {source === "pem" ? (
        <>
          <Field
            id="clientCertificatePem"
            label="Certificate (PEM)"
            hint="The client certificate, then any intermediate certificates."
            error={errors.clientCertificatePem?.message}
          >
            <Textarea spellCheck={false} autoComplete="off" rows={5} {...register("clientCertificatePem")} />
          </Field>
          <Field
            id="clientCertificateKey"
            label="Private key (PEM)"
            hint="Unencrypted PKCS#8 or PKCS#1 PEM. Stored encrypted; never shown again."
            error={errors.clientCertificateKey?.message}
          >
            <Textarea spellCheck={false} autoComplete="off" rows={5} {...register("clientCertificateKey")} />
          </Field>
        </>
      ) : null}
      <div>
        <Button type="button" variant="outline" onClick={() => void onSubmit()} disabled={isSubmitting}>
          {isSubmitting
            ? "Working…"
            : source === "pem"
              ? "Upload certificate"
              : stored
                ? "Generate a new certificate"
                : "Generate a certificate"}
        </Button>
      </div>
    </section>
  );
}
