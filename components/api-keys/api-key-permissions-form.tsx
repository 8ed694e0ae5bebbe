"use client";

import { Button } from "@/components/ui/button";
import { PermissionChoices } from "@/components/api-keys/permission-choices";
import { useActionForm } from "@/components/forms/use-action-form";
import type { ApiPermission } from "@/lib/api-keys/permissions";
import { changeApiKeyPermissionsSchema } from "@/lib/schemas/api-key";
import { changeApiKeyPermissionsAction } from "@/app/(console)/api-keys/actions";

/** Admins change what a key may do; the change is audited with the permissions before and after. */
export function ApiKeyPermissionsForm({ apiKeyId, permissions }: { apiKeyId: string; permissions: ApiPermission[] }) {
  const { form, formError, onSubmit } = useActionForm({
    schema: changeApiKeyPermissionsSchema,
    defaultValues: { apiKeyId, permissions },
    action: changeApiKeyPermissionsAction,
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={onSubmit} className="grid gap-3" aria-label="Change permissions">
      {formError ? (
        <p role="alert" className="text-sm text-destructive">
          {formError}
        </p>
      ) : null}
      <PermissionChoices
        idPrefix="api-key-permission-change"
        register={form.register("permissions")}
        error={errors.permissions?.message}
      />
      <div>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : "Save permissions"}
        </Button>
      </div>
    </form>
  );
}
