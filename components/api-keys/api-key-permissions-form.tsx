"use client";

import { ActionForm, SubmitButton } from "@/components/forms/action-form";
import { PermissionChoices } from "@/components/api-keys/permission-choices";
import { useActionForm } from "@/components/forms/use-action-form";
import type { ApiPermission } from "@/lib/api-keys/permissions";
import { changeApiKeyPermissionsSchema } from "@/lib/schemas/api-key";
import { changeApiKeyPermissionsAction } from "@/app/(console)/api-keys/actions";

/** Admins change what a key may do; the change is audited with the permissions before and after. */
export function ApiKeyPermissionsForm({ apiKeyId, permissions }: { apiKeyId: string; permissions: ApiPermission[] }) {
  const { form, formProps } = useActionForm({
    schema: changeApiKeyPermissionsSchema,
    defaultValues: { apiKeyId, permissions },
    action: changeApiKeyPermissionsAction,
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <ActionForm {...formProps} className="grid gap-3" aria-label="Change permissions">
      <PermissionChoices
        idPrefix="api-key-permission-change"
        register={form.register("permissions")}
        error={errors.permissions?.message}
      />
      <div>
        <SubmitButton pending={isSubmitting} pendingLabel="Saving…">
          Save permissions
        </SubmitButton>
      </div>
    </ActionForm>
  );
}
