"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/field";
import { Alert, AlertTitle } from "@/components/ui/alert";
import { AuthForm } from "@/components/auth/auth-form";
import { ConfirmDialog, type ConfirmRequest } from "@/components/forms/confirm-dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { useActionTransition } from "@/components/forms/use-action-transition";
import { confirmTotpSchema } from "@/lib/schemas/auth";
import type { SecondFactorStatus, TotpEnrolment } from "@/lib/auth/totp-enrolment";
import { confirmTotpEnrolmentAction, removeTotpAction, startTotpEnrolmentAction } from "@/app/(auth)/account/actions";

/** The account's authenticator app: add it (scan, confirm with a code, keep the recovery codes) or remove it. */
export function SecondFactorSettings({ status }: { status: SecondFactorStatus }) {
  const router = useRouter();
  const { pending, run } = useActionTransition();
  const [enrolment, setEnrolment] = React.useState<TotpEnrolment | null>(null);
  const [recoveryCodes, setRecoveryCodes] = React.useState<string[] | null>(null);
  const [confirm, setConfirm] = React.useState<ConfirmRequest | null>(null);

  if (recoveryCodes) {
    return (
      <Alert variant="success">
        <AlertTitle>Authenticator app on</AlertTitle>
        <p className="mb-2">
          Keep these recovery codes somewhere safe. Each signs you in once if you lose the app. They are shown only now.
        </p>
        <ul aria-label="Recovery codes" className="mb-3 grid grid-cols-2 gap-1 font-mono text-sm">
          {recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        <Button
          type="button"
          onClick={() => {
            setRecoveryCodes(null);
            router.refresh();
          }}
        >
          I saved my recovery codes
        </Button>
      </Alert>
    );
  }

  if (enrolment)
    return (
      <ConfirmTotp
        enrolment={enrolment}
        onConfirmed={(codes) => {
          setEnrolment(null);
          setRecoveryCodes(codes);
        }}
      />
    );

  return (
    <section aria-labelledby="second-factor-heading" className="grid gap-3">
      <h2 id="second-factor-heading" className="font-medium">
        Two-step sign-in
      </h2>
      {status.totp ? (
        <>
          <p className="text-sm">
            Authenticator app: <strong>on</strong>. Recovery codes left: {status.recoveryCodesLeft}.
          </p>
          <Button
            type="button"
            variant="destructive"
            disabled={pending}
            onClick={() =>
              setConfirm({
                title: "Remove the authenticator app?",
                description: "Signing in will need only your password. Your recovery codes stop working too.",
                confirmLabel: "Remove app",
                destructive: true,
                onConfirm: () => run(removeTotpAction, { refresh: true }),
              })
            }
          >
            Remove authenticator app
          </Button>
        </>
      ) : (
        <>
          <p className="text-sm">
            Add an authenticator app: after your password, sign-in will ask for the code it shows.
          </p>
          <Button
            type="button"
            disabled={pending}
            onClick={() => run(startTotpEnrolmentAction, { quiet: true, onSuccess: setEnrolment })}
          >
            Set up authenticator app
          </Button>
        </>
      )}
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </section>
  );
}

function ConfirmTotp({ enrolment, onConfirmed }: { enrolment: TotpEnrolment; onConfirmed: (codes: string[]) => void }) {
  const { form, formProps } = useActionForm({
    schema: confirmTotpSchema,
    defaultValues: { code: "" },
    action: confirmTotpEnrolmentAction,
    onSuccess: ({ recoveryCodes }) => onConfirmed(recoveryCodes),
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <div className="grid gap-4">
      <p className="text-sm">Scan this QR code with your authenticator app, or type the setup key into it.</p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL generated on the server, no optimisation */}
      <img src={enrolment.qrCodeDataUrl} alt="QR code for your authenticator app" width={192} height={192} />
      <Field id="setup-key" label="Setup key" hint="For typing in by hand (time-based, 6 digits).">
        <Input readOnly value={enrolment.secret} className="font-mono" spellCheck={false} />
      </Field>
      <AuthForm {...formProps} submitting={isSubmitting} submitLabel="Turn on" submittingLabel="Checking…">
        <Field id="totp-code" label="Code from the app" error={errors.code?.message}>
          <Input autoComplete="one-time-code" inputMode="numeric" {...form.register("code")} />
        </Field>
      </AuthForm>
    </div>
  );
}
