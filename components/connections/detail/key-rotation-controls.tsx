"use client";

import { useRouter } from "next/navigation";
import { ActionForm, SubmitButton } from "@/components/forms/action-form";
import { ChoiceOptions } from "@/components/ui/choice-options";
import { useActionForm } from "@/components/forms/use-action-form";
import { ActionButton } from "@/components/forms/action-button";
import { SelectField } from "@/components/forms/form-field";
import { ClientKeyPanel } from "@/components/connections/client-key-panel";
import { TestConnectionButton } from "@/components/connections/test-connection-button";
import {
  RETIRE_GRACE_CHOICES,
  RETIRE_GRACE_LABELS,
  SWITCH_CLIENT_KEY_DEFAULTS,
  switchClientKeySchema,
  type SwitchClientKeyInput,
} from "@/lib/schemas/client-key-rotation";
import {
  discardNextClientKeyAction,
  retireOldClientKeyAction,
  switchToNextClientKeyAction,
} from "@/app/(console)/connections/key-rotation-actions";

/** "Prepare new key": generate or import the next key (the Client step's key form, for the next key). */
export function PrepareNextKey({ connectionId }: { connectionId: string }) {
  const router = useRouter();
  return <ClientKeyPanel connectionId={connectionId} stored={null} onStored={() => router.refresh()} rotation />;
}

/** Test with, switch to, or discard the prepared next key (ADMIN). */
export function NextKeyControls({ connectionId }: { connectionId: string }) {
  const router = useRouter();
  const { form, formProps } = useActionForm<SwitchClientKeyInput, { kid: string }>({
    schema: switchClientKeySchema,
    defaultValues: SWITCH_CLIENT_KEY_DEFAULTS,
    action: (values) => switchToNextClientKeyAction(connectionId, values),
    onSuccess: () => router.refresh(),
  });
  const { isSubmitting } = form.formState;
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap gap-3">
        <TestConnectionButton connectionId={connectionId} label="Test with new key" nextKey />
        <ActionButton type="button" action={() => discardNextClientKeyAction(connectionId)}>
          Discard new key
        </ActionButton>
      </div>
      <ActionForm {...formProps} className="grid gap-3 sm:max-w-md">
        <SelectField form={form} name="grace" id="retireGrace" label="Keep the old key in the JWKS for">
          <ChoiceOptions choices={RETIRE_GRACE_CHOICES} label={(g) => RETIRE_GRACE_LABELS[g]} />
        </SelectField>
        <div>
          <SubmitButton pending={isSubmitting} pendingLabel="Working…">
            Switch to new key
          </SubmitButton>
        </div>
      </ActionForm>
    </div>
  );
}

/** "Retire old key now": ends the old key's grace at once (ADMIN). */
export function RetireOldKeyButton({ connectionId }: { connectionId: string }) {
  return (
    <ActionButton type="button" pendingLabel="Working…" action={() => retireOldClientKeyAction(connectionId)}>
      Retire old key now
    </ActionButton>
  );
}
