"use client";

import type { UseFormRegisterReturn } from "react-hook-form";
import { FieldError } from "@/components/ui/field";
import { API_PERMISSIONS, PERMISSION_LABELS } from "@/lib/api-keys/permissions";

/** One checkbox per permission, each labelled with what it allows: for creating a key and for changing one. */
export function PermissionChoices({
  idPrefix,
  register,
  error,
}: {
  idPrefix: string;
  register: UseFormRegisterReturn<"permissions">;
  error?: string;
}) {
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1 text-sm font-medium">Permissions</legend>
      <p className="text-sm text-muted-foreground">Give the key only what its service needs.</p>
      <div className="grid gap-1 rounded-md border p-2" role="group" aria-label="Permissions">
        {API_PERMISSIONS.map((permission) => (
          <label key={permission} htmlFor={`${idPrefix}-${permission}`} className="flex items-center gap-2 text-sm">
            <input
              id={`${idPrefix}-${permission}`}
              type="checkbox"
              value={permission}
              className="size-4"
              {...register}
            />
            <code className="font-mono text-xs">{permission}</code>
            <span className="text-muted-foreground">{PERMISSION_LABELS[permission]}</span>
          </label>
        ))}
      </div>
      <FieldError message={error} />
    </fieldset>
  );
}
