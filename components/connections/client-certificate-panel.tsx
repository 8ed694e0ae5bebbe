"use client";

import { useWatch } from "react-hook-form";
import { ChoiceOptions } from "@/components/ui/choice-options";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormField, InputField, SelectField } from "@/components/forms/form-field";
import { CredentialPanel, PastedKeyField } from "@/components/connections/credential-panel";
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
  pkcs12: "Upload a PKCS#12 file (.p12, .pfx)",
};

/** The chosen file as base64, for the server action (a File does not cross it). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

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
      form.reset({
        ...form.getValues(),
        clientCertificatePem: "",
        clientCertificateKey: "",
        pkcs12File: "",
        pkcs12Password: "",
      });
      onStored(certificate);
    },
  });
  const { isSubmitting } = form.formState;
  const source = useWatch({ control: form.control, name: "source" });
  const submitLabel =
    source !== "generate" ? "Upload certificate" : stored ? "Generate a new certificate" : "Generate a certificate";
  return (
    <CredentialPanel
      id="client-certificate-title"
      title="Client certificate"
      stored={
        stored ? (
          <ClientCertificateFacts certificate={stored} />
        ) : (
          <p className="text-sm text-muted-foreground" aria-live="polite">
            No certificate yet. Generate or upload one; the private key stays on the server.
          </p>
        )
      }
      formError={formError}
      submitLabel={submitLabel}
      isSubmitting={isSubmitting}
      onSubmit={() => void onSubmit()}
    >
      <SelectField form={form} name="source" id="clientCertificateSource" label="Certificate source">
        <ChoiceOptions choices={CLIENT_CERTIFICATE_SOURCES} label={(s) => SOURCE_LABELS[s]} />
      </SelectField>
      {source === "pem" ? (
        <>
          <PastedKeyField form={form} name="clientCertificatePem" label="Certificate (PEM)" rows={5}>
            The client certificate, then any intermediate certificates.
          </PastedKeyField>
          <PastedKeyField form={form} name="clientCertificateKey" label="Private key (PEM)" rows={5}>
            Unencrypted PKCS#8 or PKCS#1 PEM. Stored encrypted; never shown again.
          </PastedKeyField>
        </>
      ) : null}
      {source === "pkcs12" ? (
        <>
          <FormField
            form={form}
            name="pkcs12File"
            id="pkcs12FileInput"
            label="PKCS#12 file"
            hint="A .p12 or .pfx with the certificate and its private key (AES encryption; legacy 3DES/RC2 files must be converted)."
          >
            <input
              type="file"
              accept=".p12,.pfx,application/x-pkcs12"
              className="text-sm"
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (file)
                  void base64Of(file).then((value) => form.setValue("pkcs12File", value, { shouldValidate: true }));
              }}
            />
          </FormField>
          <InputField
            form={form}
            name="pkcs12Password"
            label="PKCS#12 password"
            hint="Used once to open the file; it is not stored."
            type="password"
            autoComplete="off"
          />
        </>
      ) : null}
    </CredentialPanel>
  );
}
