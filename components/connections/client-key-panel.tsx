"use client";

import { useWatch } from "react-hook-form";
import { ChoiceOptions } from "@/components/ui/choice-options";
import { useActionForm } from "@/components/forms/use-action-form";
import { SelectField } from "@/components/forms/form-field";
import { CredentialPanel, PastedKeyField } from "@/components/connections/credential-panel";
import { CLIENT_KEY_ALGORITHM_LABELS, CLIENT_KEY_ALGORITHMS } from "@/lib/oauth/client-auth/private-key-jwt";
import {
  CLIENT_KEY_DEFAULTS,
  clientKeySchema,
  type ClientKeyInput,
  type ClientKeySummary,
} from "@/lib/schemas/client-key";
import { storeClientKeyAction } from "@/app/(console)/connections/client-key-actions";
import { prepareNextClientKeyAction } from "@/app/(console)/connections/key-rotation-actions";

const SOURCE_LABELS = { generate: "Generate a key pair on the server", import: "Import an existing private key" };

/**
 * private_key_jwt's key, on the Client step (or, as `rotation`, the next key prepared on the
 * connection's page): generated on the server or imported (PEM or JWK,
 * with an optional certificate). Its own small form inside the connection form, so its buttons
 * are plain buttons; only the kid comes back, and a pasted key is cleared once it is stored.
 */
export function ClientKeyPanel({
  connectionId,
  stored,
  onStored,
  rotation = false,
}: {
  connectionId: string;
  stored: ClientKeySummary | null;
  onStored: (key: ClientKeySummary) => void;
  rotation?: boolean;
}) {
  const store = rotation ? prepareNextClientKeyAction : storeClientKeyAction;
  const { form, formError, onSubmit } = useActionForm<ClientKeyInput, ClientKeySummary>({
    schema: clientKeySchema,
    defaultValues: CLIENT_KEY_DEFAULTS,
    action: (values) => store(connectionId, values),
    onSuccess: (key) => {
      form.reset({ ...form.getValues(), privateKeyImport: "", privateKeyCertificate: "" });
      onStored(key);
    },
  });
  const { isSubmitting } = form.formState;
  const source = useWatch({ control: form.control, name: "source" });
  const submitLabel = rotation
    ? "Prepare new key"
    : source !== "generate"
      ? "Import private key"
      : stored
        ? "Generate a new key pair"
        : "Generate a key pair";
  return (
    <CredentialPanel
      id="client-key-title"
      title={rotation ? "New key" : "Private key"}
      stored={
        <p className="text-sm text-muted-foreground" aria-live="polite">
          {rotation
            ? "Prepare the next key: the JWKS publishes it next to the current one, which keeps signing until you switch."
            : stored
              ? `Key stored: kid ${stored.kid} (${stored.alg}${stored.certificate ? ", with certificate" : ""}). Its public key and JWKS URL are on the connection's page.`
              : "No key yet. Generate or import one; the private key stays on the server."}
        </p>
      }
      formError={formError}
      submitLabel={submitLabel}
      isSubmitting={isSubmitting}
      onSubmit={() => void onSubmit()}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField form={form} name="source" id="clientKeySource" label="Key source">
          <ChoiceOptions choices={["generate", "import"] as const} label={(s) => SOURCE_LABELS[s]} />
        </SelectField>
        <SelectField
          form={form}
          name="algorithm"
          id="clientKeyAlgorithm"
          label="Key algorithm"
          hint={source === "import" ? "For an RSA key: RS256 or PS256. An EC P-256 key signs with ES256." : undefined}
        >
          <ChoiceOptions choices={CLIENT_KEY_ALGORITHMS} label={(a) => CLIENT_KEY_ALGORITHM_LABELS[a]} />
        </SelectField>
      </div>
      {source === "import" ? (
        <>
          <PastedKeyField form={form} name="privateKeyImport" label="Private key (PEM or JWK)" rows={6}>
            PKCS#8 or PKCS#1 PEM, or a private JWK. Stored encrypted; never shown again.
          </PastedKeyField>
          <PastedKeyField form={form} name="privateKeyCertificate" label="Certificate (PEM)" optional rows={4}>
            The certificate registered for this key (e.g. at Entra ID): its thumbprint is sent as x5t#S256.
          </PastedKeyField>
        </>
      ) : null}
    </CredentialPanel>
  );
}
