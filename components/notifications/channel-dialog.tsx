"use client";

import { useWatch, type Path } from "react-hook-form";
import { BellPlus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { InputField, RadioCardsField, SelectField } from "@/components/forms/form-field";
import { ChoiceOptions } from "@/components/ui/choice-options";
import { OneTimeSecretNotice } from "@/components/ui/one-time-secret-notice";
import {
  CreateDialogTrigger,
  DialogCloseButton,
  DialogSubmitButton,
  FormDialog,
  useShownOnceDialog,
} from "@/components/forms/form-dialog";
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
  const { form, formProps } = useActionForm({
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
  const { errors, isSubmitting } = form.formState;
  const formId = channel ? `edit-channel-${channel.id}` : "add-channel";
  const sealedHint = `Kept sealed and never shown again.${editing ? " Leave empty to keep the stored one." : ""}`;
  /** A field of this dialog; its id names the dialog too, since every channel row has its own Edit dialog. */
  const field = (name: Path<NotificationChannelInput>) => ({ form, name, id: `${formId}-${name}` });

  return (
    <FormDialog
      {...dialogProps}
      {...formProps}
      trigger={
        channel ? (
          <Button variant="outline" size="sm" aria-label={`Edit ${channel.name}`}>
            Edit
          </Button>
        ) : (
          <CreateDialogTrigger icon={BellPlus} label="Add channel" />
        )
      }
      title={channel ? `Edit “${channel.name}”` : "Add channel"}
      description="Where Handshake tells you that a connection started failing, recovered or needs re-authorization."
      contentClassName="max-h-[90vh] overflow-y-auto"
      formId={formId}
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
      <InputField {...field("name")} label="Name" autoComplete="off" />
      <RadioCardsField
        form={form}
        name="kind"
        legend="Kind"
        disabled={editing}
        choices={[
          {
            id: `${formId}-webhook`,
            value: "WEBHOOK",
            title: "Webhook",
            description: "An HTTPS POST, signed per Standard Webhooks.",
          },
          { id: `${formId}-email`, value: "EMAIL", title: "E-mail", description: "Over your SMTP server." },
        ]}
      />
      {kind === "WEBHOOK" ? (
        <>
          <InputField
            {...field("webhookUrl")}
            label="Webhook URL"
            hint={sealedHint}
            type="url"
            autoComplete="off"
            placeholder="https://"
          />
          <SelectField {...field("webhookFormat")} label="Body">
            <option value="STANDARD">Standard Webhooks JSON</option>
            <option value="SLACK">Slack or Teams incoming webhook (text)</option>
          </SelectField>
        </>
      ) : (
        <>
          <div className="grid grid-cols-[1fr_8rem] gap-3">
            <InputField {...field("smtpHost")} label="SMTP host" autoComplete="off" />
            <InputField {...field("smtpPort")} label="Port" type="number" inputMode="numeric" valueAsNumber />
          </div>
          <SelectField {...field("smtpSecurity")} label="Encryption">
            <ChoiceOptions choices={SMTP_SECURITY} label={(c) => SMTP_SECURITY_LABELS[c]} />
          </SelectField>
          <InputField {...field("smtpUser")} label="User" optional autoComplete="off" />
          <InputField
            {...field("smtpPassword")}
            label="Password"
            optional
            hint={sealedHint}
            type="password"
            autoComplete="new-password"
          />
          <InputField {...field("smtpFrom")} label="From address" type="email" autoComplete="off" />
          <InputField {...field("smtpRecipients")} label="Recipients" hint="Separated by commas." autoComplete="off" />
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
      <RadioCardsField
        form={form}
        name="access"
        legend="Connections"
        choices={[
          { id: `${formId}-all`, value: "all", title: "All connections", description: "Including new ones." },
          { id: `${formId}-chosen`, value: "chosen", title: "Chosen connections", description: "Tick below." },
        ]}
        checklist={{ shownFor: "chosen", name: "connectionIds", label: "Chosen connections", items: connections }}
      />
    </FormDialog>
  );
}
