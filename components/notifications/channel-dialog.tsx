"use client";

import { Controller, useWatch } from "react-hook-form";
import { BellPlus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ChecklistGroup } from "@/components/ui/checklist-group";
import { Field, FieldError } from "@/components/ui/field";
import { Input, NativeSelect } from "@/components/ui/input";
import { RadioCard, RadioGroup } from "@/components/ui/radio-group";
import { ChoiceOptions } from "@/components/ui/choice-options";
import { OneTimeSecretNotice } from "@/components/ui/one-time-secret-notice";
import { DialogCloseButton, DialogSubmitButton, FormDialog, useShownOnceDialog } from "@/components/forms/form-dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import {
  defaultChannelValues,
  notificationChannelSchema,
  SMTP_SECURITY,
  SMTP_SECURITY_LABELS,
  type NotificationChannelInput,
} from "@/lib/schemas/notification-channel";
import { NOTIFICATION_EVENT_LABELS, NOTIFICATION_EVENT_TYPES } from "@/lib/notifications/notification-events";
import { createChannelAction, updateChannelAction } from "@/app/(console)/notifications/actions";

type Connection = { id: string; name: string };
type Editing = { id: string; name: string; version: number; values: NotificationChannelInput };

/** Add channel, or Edit an existing one (its URL and password stay unless typed again). */
export function ChannelDialog({ connections, channel }: { connections: Connection[]; channel?: Editing }) {
  const editing = Boolean(channel);
  const { created, show, dialogProps } = useShownOnceDialog<{ name: string; signingSecret: string }>();
  const { form, formError, onSubmit } = useActionForm({
    schema: notificationChannelSchema({ editing }),
    defaultValues: channel?.values ?? defaultChannelValues(),
    action: (values: NotificationChannelInput) =>
      channel
        ? updateChannelAction({ channelId: channel.id, version: channel.version }, values)
        : createChannelAction(values),
    onSuccess: (data) => {
      if (data && "signingSecret" in data && data.signingSecret)
        show({ name: data.name, signingSecret: data.signingSecret });
      else dialogProps.onOpenChange(false);
      if (!channel) form.reset(defaultChannelValues());
    },
  });
  const kind = useWatch({ control: form.control, name: "kind" });
  const access = useWatch({ control: form.control, name: "access" });
  const { errors, isSubmitting } = form.formState;
  const formId = channel ? `edit-channel-${channel.id}` : "add-channel";
  const keep = editing ? " Leave empty to keep the stored one." : "";

  return (
    <FormDialog
      {...dialogProps}
      trigger={
        channel ? (
          <Button variant="outline" size="sm" aria-label={`Edit ${channel.name}`}>
            Edit
          </Button>
        ) : (
          <Button>
            <BellPlus aria-hidden />
            Add channel
          </Button>
        )
      }
      title={channel ? `Edit “${channel.name}”` : "Add channel"}
      description="Where Handshake tells you that a connection started failing, recovered or needs re-authorization."
      contentClassName="max-h-[90vh] overflow-y-auto"
      formId={formId}
      onSubmit={onSubmit}
      error={formError}
      done={
        created ? (
          <OneTimeSecretNotice
            title={<>Signing secret of “{created.name}”</>}
            instructions="The receiver verifies each delivery's webhook-signature header with it (Standard Webhooks). It is shown only once."
            secret={created.signingSecret}
            copyLabel="Copy signing secret"
            testId="new-signing-secret"
          />
        ) : undefined
      }
      footer={
        created ? (
          <DialogCloseButton variant="outline">Done</DialogCloseButton>
        ) : (
          <DialogSubmitButton formId={formId} pending={isSubmitting} pendingLabel="Saving…">
            {channel ? "Save channel" : "Add channel"}
          </DialogSubmitButton>
        )
      }
    >
      <Field id={`${formId}-name`} label="Name" error={errors.name?.message}>
        <Input autoComplete="off" {...form.register("name")} />
      </Field>
      <fieldset className="grid gap-2" disabled={editing}>
        <legend className="mb-1 text-sm font-medium">Kind</legend>
        <Controller
          control={form.control}
          name="kind"
          render={({ field }) => (
            <RadioGroup value={field.value} onValueChange={field.onChange} aria-label="Kind">
              <RadioCard
                id={`${formId}-webhook`}
                value="WEBHOOK"
                title="Webhook"
                description="An HTTPS POST, signed per Standard Webhooks."
              />
              <RadioCard id={`${formId}-email`} value="EMAIL" title="E-mail" description="Over your SMTP server." />
            </RadioGroup>
          )}
        />
      </fieldset>
      {kind === "WEBHOOK" ? (
        <>
          <Field
            id={`${formId}-url`}
            label="Webhook URL"
            hint={`Kept sealed and never shown again.${keep}`}
            error={errors.webhookUrl?.message}
          >
            <Input type="url" autoComplete="off" placeholder="https://" {...form.register("webhookUrl")} />
          </Field>
          <Field id={`${formId}-format`} label="Body" error={errors.webhookFormat?.message}>
            <NativeSelect {...form.register("webhookFormat")}>
              <option value="STANDARD">Standard Webhooks JSON</option>
              <option value="SLACK">Slack or Teams incoming webhook (text)</option>
            </NativeSelect>
          </Field>
        </>
      ) : (
        <>
          <div className="grid grid-cols-[1fr_8rem] gap-3">
            <Field id={`${formId}-host`} label="SMTP host" error={errors.smtpHost?.message}>
              <Input autoComplete="off" {...form.register("smtpHost")} />
            </Field>
            <Field id={`${formId}-port`} label="Port" error={errors.smtpPort?.message}>
              <Input type="number" inputMode="numeric" {...form.register("smtpPort", { valueAsNumber: true })} />
            </Field>
          </div>
          <Field id={`${formId}-security`} label="Encryption" error={errors.smtpSecurity?.message}>
            <NativeSelect {...form.register("smtpSecurity")}>
              <ChoiceOptions choices={SMTP_SECURITY} label={(c) => SMTP_SECURITY_LABELS[c]} />
            </NativeSelect>
          </Field>
          <Field id={`${formId}-user`} label="User" optional error={errors.smtpUser?.message}>
            <Input autoComplete="off" {...form.register("smtpUser")} />
          </Field>
          <Field
            id={`${formId}-password`}
            label="Password"
            optional
            hint={`Kept sealed and never shown again.${keep}`}
            error={errors.smtpPassword?.message}
          >
            <Input type="password" autoComplete="new-password" {...form.register("smtpPassword")} />
          </Field>
          <Field id={`${formId}-from`} label="From address" error={errors.smtpFrom?.message}>
            <Input type="email" autoComplete="off" {...form.register("smtpFrom")} />
          </Field>
          <Field
            id={`${formId}-recipients`}
            label="Recipients"
            hint="Separated by commas."
            error={errors.smtpRecipients?.message}
          >
            <Input autoComplete="off" {...form.register("smtpRecipients")} />
          </Field>
        </>
      )}
      <fieldset className="grid gap-1">
        <legend className="mb-1 text-sm font-medium">Events</legend>
        {NOTIFICATION_EVENT_TYPES.map((type) => (
          <label key={type} className="flex items-center gap-2 text-sm">
            <input type="checkbox" value={type} className="size-4" {...form.register("eventTypes")} />
            {NOTIFICATION_EVENT_LABELS[type]}
          </label>
        ))}
        <FieldError message={errors.eventTypes?.message} />
      </fieldset>
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Connections</legend>
        <Controller
          control={form.control}
          name="access"
          render={({ field }) => (
            <RadioGroup value={field.value} onValueChange={field.onChange} aria-label="Connections">
              <RadioCard id={`${formId}-all`} value="all" title="All connections" description="Including new ones." />
              <RadioCard id={`${formId}-chosen`} value="chosen" title="Chosen connections" description="Tick below." />
            </RadioGroup>
          )}
        />
        {access === "chosen" ? (
          <ChecklistGroup
            label="Chosen connections"
            items={connections}
            registration={form.register("connectionIds")}
          />
        ) : null}
        <FieldError message={errors.connectionIds?.message} />
      </fieldset>
    </FormDialog>
  );
}
