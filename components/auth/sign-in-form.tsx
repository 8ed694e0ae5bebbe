"use client";

import * as React from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { startAuthentication } from "@simplewebauthn/browser";
import { AuthForm } from "@/components/auth/auth-form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/field";
import { signInSchema, type SignInInput } from "@/lib/schemas/auth";
import { ENTER_CODE, secondFactorChallengeOf, type SecondFactorChallenge } from "@/lib/auth/second-factor-messages";

export function SignInForm({ initialError }: { initialError?: string }) {
  const router = useRouter();
  const [error, setError] = React.useState<string | undefined>(initialError);
  // After a right password for an account with a second factor: the same form asks for it.
  const [challenge, setChallenge] = React.useState<SecondFactorChallenge | null>(null);
  const [usingPasskey, setUsingPasskey] = React.useState(false);
  const form = useForm<SignInInput>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: "", password: "", code: "" },
  });

  async function submit(values: SignInInput, answer: { code?: string; passkey?: string }) {
    setError(undefined);
    const result = await signIn("credentials", {
      email: values.email,
      password: values.password,
      ...answer,
      redirect: false,
    });
    const next = secondFactorChallengeOf(result?.error);
    if (next) {
      setChallenge(next);
      return;
    }
    if (!result || result.error) {
      setError(
        result?.error && result.error !== "CredentialsSignin" ? result.error : "Email or password is incorrect.",
      );
      // A passkey's challenge is used up: the next try starts again from the password, still typed.
      if (answer.passkey) setChallenge(null);
      form.setValue(challenge ? "code" : "password", "");
      return;
    }
    router.replace("/connections");
    router.refresh();
  }

  async function onSubmit(values: SignInInput) {
    if (challenge && !challenge.totp) return signInWithPasskey();
    if (challenge && !values.code) {
      form.setError("code", { message: ENTER_CODE });
      return;
    }
    await submit(values, challenge ? { code: values.code } : {});
  }

  async function signInWithPasskey() {
    if (!challenge?.passkey) return;
    setUsingPasskey(true);
    try {
      const assertion = await startAuthentication({ optionsJSON: challenge.passkey }).catch(() => null);
      if (!assertion) {
        setError("No passkey answered. Try again, or use a code.");
        setChallenge(null);
        return;
      }
      await submit(form.getValues(), { passkey: JSON.stringify(assertion) });
    } finally {
      setUsingPasskey(false);
    }
  }

  const { errors, isSubmitting } = form.formState;
  return (
    <div className="grid gap-4">
      <AuthForm
        onSubmit={form.handleSubmit(onSubmit)}
        error={error}
        submitting={isSubmitting || usingPasskey}
        submitLabel={challenge ? (challenge.totp ? "Verify" : "Use a passkey") : "Sign in"}
        submittingLabel={challenge ? "Verifying…" : "Signing in…"}
      >
        <Field id="email" label="Email" error={errors.email?.message}>
          <Input type="email" autoComplete="username" autoFocus readOnly={!!challenge} {...form.register("email")} />
        </Field>
        <Field id="password" label="Password" error={errors.password?.message} className={challenge ? "hidden" : ""}>
          <Input type="password" autoComplete="current-password" {...form.register("password")} />
        </Field>
        {challenge?.totp ? (
          <Field
            id="code"
            label="Authentication code"
            hint="The 6-digit code your authenticator app shows, or one of your recovery codes."
            error={errors.code?.message}
          >
            <Input autoComplete="one-time-code" autoFocus spellCheck={false} {...form.register("code")} />
          </Field>
        ) : null}
      </AuthForm>
      {challenge?.totp && challenge.passkey ? (
        <Button type="button" variant="outline" disabled={isSubmitting || usingPasskey} onClick={signInWithPasskey}>
          Use a passkey
        </Button>
      ) : null}
    </div>
  );
}
