"use client";

import { ConnectionSelect, ConnectionSwitch } from "@/components/connections/sections/connection-field";
import { ChoiceOptions } from "@/components/ui/choice-options";
import { PAR_MODE_LABELS, PAR_MODES } from "@/lib/connections/connection-options";

/** How the authorization request travels: pushed first (PAR, RFC 9126) and/or signed (JAR, RFC 9101). */
export function RequestSecurityFields() {
  return (
    <fieldset className="grid gap-4 rounded-md border p-4">
      <legend className="px-1 text-sm font-medium">Authorization request security</legend>
      <ConnectionSelect
        name="parMode"
        hint="The parameters go to the provider's PAR endpoint with client authentication; the browser gets only client_id and a request_uri. “When the provider requires it” follows discovery and the provider's refusal of a plain request."
      >
        <ChoiceOptions choices={PAR_MODES} label={(mode) => PAR_MODE_LABELS[mode]} />
      </ConnectionSelect>
      <ConnectionSwitch
        name="useJar"
        hint="The parameters travel in a request object signed with the connection's private_key_jwt key; its public key is in the connection's JWKS. On by itself when discovery says require_signed_request_object."
      />
    </fieldset>
  );
}
