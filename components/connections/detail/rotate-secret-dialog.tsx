"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { TestProgress } from "@/components/connections/test-progress";
import { useOAuthLauncher } from "@/components/connections/use-oauth-launcher";
import { rotateSecretSchema, type RotateSecretInput } from "@/lib/schemas/connection";
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
  const [error, setError] = React.useState<string>();
  const [mode, setMode] = React.useState<"save" | "test">("save");
  const { launch, progress, dismiss } = useOAuthLauncher();
  const form = useForm<RotateSecretInput>({ resolver: zodResolver(rotateSecretSchema), defaultValues: { connectionId, secret: "" } });

  async function onSubmit(values: RotateSecretInput, andTest: boolean) {
    setError(undefined);
    const result = await rotateClientSecretAction(values);
    if (!result.ok) {
      applyFieldErrors(form.setError, result.fieldErrors);
      if (!result.fieldErrors) setError(result.error);
      return;
    }
    toast.success(result.message);
    form.reset({ connectionId, secret: "" });
    onOpenChange(false);
    if (andTest) await launch(connectionId, () => startConnectionTest(connectionId));
    else router.refresh();
  }

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
              const andTest = (event.nativeEvent as SubmitEvent).submitter?.hasAttribute("data-test") ?? false;
              setMode(andTest ? "test" : "save");
              return form.handleSubmit((values) => onSubmit(values, andTest))(event);
            }}
            className="grid gap-4"
          >
            {error ? <Alert variant="destructive">{error}</Alert> : null}
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
