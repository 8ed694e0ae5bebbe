"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useActionForm } from "@/components/forms/use-action-form";
import { TestProgress } from "@/components/connections/test-progress";
import { useOAuthLauncher } from "@/components/connections/use-oauth-launcher";
import { rotateSecretSchema } from "@/lib/schemas/connection";
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
    defaultValues: { connectionId, secret: "" },
    action: rotateClientSecretAction,
    onSuccess: async () => {
      form.reset({ connectionId, secret: "" });
      onOpenChange(false);
      if (andTest.current) await launch(connectionId, () => startConnectionTest(connectionId));
      else router.refresh();
    },
  });

  const submitting = form.formState.isSubmitting;
  return (
    <>
      <Dialog
        open={open}
        onOpenChange={(next) => {
          onOpenChange(next);
          if (!next) form.reset({ connectionId, secret: "" });
        }}
      >
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Rotate client secret</DialogTitle>
            <DialogDescription>Type the new secret from the provider. It replaces the current one as soon as you save.</DialogDescription>
          </DialogHeader>
          <form
            id="rotate-secret"
            noValidate
            onSubmit={(event) => {
              // Which button submitted: "Save and test" carries data-test.
              andTest.current = (event.nativeEvent as SubmitEvent).submitter?.hasAttribute("data-test") ?? false;
              setMode(andTest.current ? "test" : "save");
              return onSubmit(event);
            }}
            className="grid gap-4"
          >
            {formError ? <Alert variant="destructive">{formError}</Alert> : null}
            <Field id="rotate-secret-value" label="New client secret" error={form.formState.errors.secret?.message}>
              <Input type="password" autoComplete="new-password" spellCheck={false} {...form.register("secret")} />
            </Field>
          </form>
          <DialogFooter className="flex-wrap gap-2">
            <DialogClose asChild>
              <Button type="button" variant="ghost">
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" form="rotate-secret" variant={testable ? "outline" : "default"} disabled={submitting}>
              {submitting && mode === "save" ? "Saving…" : "Save secret"}
            </Button>
            {testable ? (
              <Button type="submit" form="rotate-secret" disabled={submitting} data-test>
                {submitting && mode === "test" ? "Saving…" : "Save and test"}
              </Button>
            ) : null}
          </DialogFooter>
        </DialogContent>
      </Dialog>
      {progress.phase === "idle" ? null : (
        <div className="fixed right-4 bottom-4 z-40 w-[min(22rem,calc(100vw-2rem))]">
          <TestProgress progress={progress} onDismiss={dismiss} />
        </div>
      )}
    </>
  );
}
