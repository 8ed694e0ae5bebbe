"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { DialogCloseButton, FormDialog } from "@/components/forms/form-dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { TestProgress } from "@/components/connections/test-progress";
import { useOAuthLauncher } from "@/components/connections/use-oauth-launcher";
import { rotateSecretSchema } from "@/lib/schemas/connection";
import { fieldLabel } from "@/lib/connections/connection-fields";
import { rotateClientSecretAction } from "@/app/(console)/connections/actions";
import { startConnectionTest } from "@/app/(console)/connections/test-actions";

/**
 * Replaces the client secret: the new value is required. "Save and test" saves, then runs the
 * connection's test at once, so a fix is confirmed in one step.
 */
export function RotateSecretDialog({
  connectionId,
  open,
  onOpenChange,
  testable = true,
}: {
  connectionId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  testable?: boolean;
}) {
  const router = useRouter();
  const [mode, setMode] = React.useState<"save" | "test">("save");
  // Which button submitted, read after the save (state would be stale inside the submit).
  const andTest = React.useRef(false);
  const { launch, progress, dismiss } = useOAuthLauncher();
  const { form, formError, onSubmit } = useActionForm({
    schema: rotateSecretSchema,
    defaultValues: { connectionId, secret: "", expiresOn: "" },
    action: rotateClientSecretAction,
    onSuccess: async () => {
      onOpenChange(false);
      if (andTest.current) await launch(connectionId, () => startConnectionTest(connectionId));
      else router.refresh();
    },
  });

  const submitting = form.formState.isSubmitting;
  return (
    <>
      <FormDialog
        open={open}
        onOpenChange={onOpenChange}
        onClose={() => form.reset({ connectionId, secret: "", expiresOn: "" })}
        title="Rotate client secret"
        description="Type the new secret from the provider. It replaces the current one as soon as you save."
        formId="rotate-secret"
        onSubmit={(event) => {
          // Which button submitted: "Save and test" carries data-test.
          andTest.current = (event.nativeEvent as SubmitEvent).submitter?.hasAttribute("data-test") ?? false;
          setMode(andTest.current ? "test" : "save");
          return onSubmit(event);
        }}
        error={formError}
        footerClassName="flex-wrap gap-2"
        footer={
          <>
            <DialogCloseButton>Cancel</DialogCloseButton>
            <Button type="submit" form="rotate-secret" variant={testable ? "outline" : "default"} disabled={submitting}>
              {submitting && mode === "save" ? "Saving…" : "Save secret"}
            </Button>
            {testable ? (
              <Button type="submit" form="rotate-secret" disabled={submitting} data-test>
                {submitting && mode === "test" ? "Saving…" : "Save and test"}
              </Button>
            ) : null}
          </>
        }
      >
        <Field id="rotate-secret-value" label="New client secret" error={form.formState.errors.secret?.message}>
          <Input type="password" autoComplete="new-password" spellCheck={false} {...form.register("secret")} />
        </Field>
        <Field
          id="rotate-secret-expires-on"
          label={fieldLabel("clientSecretExpiresOn")}
          optional
          hint="When the new secret stops working, as the provider shows it. Leave empty if it does not expire."
          error={form.formState.errors.expiresOn?.message}
        >
          <Input type="date" {...form.register("expiresOn")} />
        </Field>
      </FormDialog>
      {progress.phase === "idle" ? null : (
        <div className="fixed right-4 bottom-4 z-40 w-[min(22rem,calc(100vw-2rem))]">
          <TestProgress progress={progress} onDismiss={dismiss} />
        </div>
      )}
    </>
  );
}
