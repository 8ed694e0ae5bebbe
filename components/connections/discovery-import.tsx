"use client";

import * as React from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { ConnectionFormValues } from "@/lib/schemas/connection";
import { importDiscoveryAction } from "@/app/(console)/connections/actions";

const FILLED_FIELDS = [
  ["authorizationUrl", "authorization_endpoint"],
  ["tokenUrl", "token_endpoint"],
  ["userinfoUrl", "userinfo_endpoint"],
  ["revocationUrl", "revocation_endpoint"],
  ["jwksUrl", "jwks_uri"],
] as const;

/**
 * The Import from discovery button under the Issuer URL. The server fetches the metadata; the
 * endpoints it names replace the fields below, and a failure lands on the Issuer URL field
 * without touching anything typed. Only the wizard has a review step that compares the settings
 * with the imported metadata; the edit page must not promise one.
 */
export function DiscoveryImport({ hasReviewStep }: { hasReviewStep: boolean }) {
  const { getValues, setValue, setError, clearErrors, control } = useFormContext<ConnectionFormValues>();
  const metadata = useWatch({ control, name: "discoveryMetadata" });
  const [pending, setPending] = React.useState(false);
  const [importedFrom, setImportedFrom] = React.useState<string>();
  const [movedTo, setMovedTo] = React.useState<string>();

  async function importMetadata(issuer: string) {
    if (pending) return;
    setPending(true);
    clearErrors("issuer");
    setMovedTo(undefined);
    const result = await importDiscoveryAction({ issuer });
    setPending(false);
    if (!result.ok) {
      setError(
        "issuer",
        { type: "server", message: result.fieldErrors?.issuer ?? result.error },
        { shouldFocus: true },
      );
      return;
    }
    if ("movedTo" in result.data) {
      // No focus on the field: leaving it again would revalidate it, drop this message and move the offer from under the pointer.
      setError("issuer", { type: "server", message: result.data.message });
      setMovedTo(result.data.movedTo);
      return;
    }
    const discovered = result.data.metadata;
    const options = { shouldDirty: true, shouldValidate: false } as const;
    if (discovered.issuer) setValue("issuer", discovered.issuer, options);
    for (const [field, key] of FILLED_FIELDS) {
      const value = discovered[key];
      if (value) setValue(field, value, options);
    }
    setValue("discoveryMetadata", discovered, options);
    clearErrors(["issuer", ...FILLED_FIELDS.map(([field]) => field)]);
    const redirects = result.data.redirects ?? [];
    setImportedFrom(redirects.length ? `${result.data.url}, after following ${redirects.join(", ")}` : result.data.url);
  }

  // A well-known URL stands for its issuer (discover-metadata.ts); a successful import then sets the issuer it names.
  function applyMovedLocation() {
    if (movedTo) void importMetadata(movedTo);
  }

  return (
    <div className="-mt-2 flex flex-wrap items-center gap-3">
      {/* aria-disabled, not disabled: a disabled button drops keyboard focus to the page body. */}
      <Button
        variant="outline"
        size="sm"
        onClick={() => void importMetadata(getValues("issuer"))}
        aria-disabled={pending}
      >
        <Download aria-hidden />
        {pending ? "Importing…" : "Import from discovery"}
      </Button>
      {movedTo ? (
        <Button variant="outline" size="sm" onClick={applyMovedLocation} disabled={pending}>
          Use {movedTo}
        </Button>
      ) : null}
      <p className="text-xs text-muted-foreground" role="status" data-testid="discovery-status">
        {importedFrom
          ? `Imported from ${importedFrom}. Check the endpoints below.`
          : metadata
            ? hasReviewStep
              ? "Provider metadata was imported; the review step compares the settings with it."
              : "Provider metadata was imported earlier. Import again to refresh the endpoints from it."
            : "Reads /.well-known/openid-configuration, or the OAuth metadata at /.well-known/oauth-authorization-server."}
      </p>
    </div>
  );
}
