"use client";

import { useWatch, type Control } from "react-hook-form";
import type { ConnectionFormValues } from "@/lib/schemas/connection";
import { PROTOCOL_FIELDS } from "@/lib/connections/protocol-fields";

/**
 * Whether the form changes what a test or token request depends on (endpoints, client, its
 * authentication, scopes…): then the edit form offers Save and test first. A typed secret is a change.
 */
export function useProtocolChanged(control: Control<ConnectionFormValues>, baseline: ConnectionFormValues): boolean {
  const values = useWatch({ control, name: [...PROTOCOL_FIELDS] });
  return PROTOCOL_FIELDS.some((field, index) =>
    field === "clientSecret"
      ? Boolean(values[index])
      : JSON.stringify(values[index]) !== JSON.stringify(baseline[field]),
  );
}
