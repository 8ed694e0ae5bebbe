"use client";

import { KeyRound } from "lucide-react";
import { InputField, RadioCardsField } from "@/components/forms/form-field";
import { NewApiKeyNotice } from "@/components/api-keys/new-api-key-notice";
import { PermissionChoices } from "@/components/api-keys/permission-choices";
import { CreateDialog, useCreateDialog, type CreateDialogText } from "@/components/forms/form-dialog";
import {
  createApiKeySchema,
  defaultApiKeyValues,
  DEFAULT_KEY_LIFETIME_DAYS,
  USER_ACCESS_LABELS,
} from "@/lib/schemas/api-key";
import { createApiKeyAction } from "@/app/(console)/api-keys/actions";

const CREATE_API_KEY: CreateDialogText = {
  icon: KeyRound,
  label: "Create API key",
  description: "Services use it to get access tokens from the token API.",
  submitLabel: "Create key",
};

type Choices = { connections: { id: string; name: string }[]; users: { id: string; email: string }[] };

export function CreateApiKeyDialog({ connections, users }: Choices) {
  // Closing forgets the key: it is shown once.
  const { form, created, dialogProps } = useCreateDialog({
    schema: createApiKeySchema,
    defaultValues: defaultApiKeyValues,
    action: createApiKeyAction,
  });
  const { errors } = form.formState;
  return (
    <CreateDialog
      {...dialogProps}
      text={CREATE_API_KEY}
      contentClassName="max-h-[90vh] overflow-y-auto"
      formId="create-api-key"
      done={created ? <NewApiKeyNotice name={created.name} apiKey={created.key} /> : undefined}
    >
      <InputField
        form={form}
        name="name"
        id="api-key-name"
        label="Name"
        hint="Who or what uses it, such as “billing sync”."
        autoComplete="off"
      />
      <PermissionChoices
        idPrefix="api-key-permission"
        register={form.register("permissions")}
        error={errors.permissions?.message}
      />
      <RadioCardsField
        form={form}
        name="access"
        legend="Connections it may read"
        choices={[
          {
            id: "api-key-access-chosen",
            value: "chosen",
            title: "Chosen connections",
            description: "Only the ones you tick below.",
          },
          {
            id: "api-key-access-all",
            value: "all",
            title: "All connections",
            description: "Including connections created later.",
          },
        ]}
        checklist={{
          shownFor: "chosen",
          name: "connectionIds",
          label: "Chosen connections",
          items: connections,
          empty: "No active connections yet.",
        }}
      />
      <RadioCardsField
        form={form}
        name="userAccess"
        legend="Users' tokens on Per-user connections"
        choices={[
          {
            id: "api-key-users-shared",
            value: "SHARED_ONLY",
            title: USER_ACCESS_LABELS.SHARED_ONLY,
            description: "No user's token: only Shared connections' tokens.",
          },
          {
            id: "api-key-users-chosen",
            value: "CHOSEN_USERS",
            title: USER_ACCESS_LABELS.CHOSEN_USERS,
            description: "Only the users you tick below; each sees this key when connecting an account.",
          },
          {
            id: "api-key-users-all",
            value: "ALL_USERS",
            title: USER_ACCESS_LABELS.ALL_USERS,
            description: "Any user's token, including users added later. Disabled users' tokens are never served.",
          },
        ]}
        checklist={{
          shownFor: "CHOSEN_USERS",
          name: "userIds",
          label: "Chosen users",
          items: users.map((u) => ({ id: u.id, name: u.email })),
        }}
      />
      <InputField
        form={form}
        name="expiresOn"
        id="api-key-expires"
        label="Expires on"
        optional
        hint={`The key stops working at the end of that day (UTC). ${DEFAULT_KEY_LIFETIME_DAYS} days from today unless you choose another date; empty: never.`}
        type="date"
      />
      <InputField
        form={form}
        name="rateLimitPerMinute"
        id="api-key-rate"
        label="Requests per minute"
        hint="Further requests get 429 Too Many Requests until the next minute."
        type="number"
        min={1}
        inputMode="numeric"
        valueAsNumber
      />
    </CreateDialog>
  );
}
