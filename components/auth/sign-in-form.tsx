"use client";

import * as React from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { AuthForm } from "@/components/auth/auth-form";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/field";
import { signInSchema, type SignInInput } from "@/lib/schemas/auth";
import { ENTER_CODE, SECOND_FACTOR_REQUIRED } from "@/lib/auth/second-factor-messages";

export function SignInForm({ initialError }: { initialError?: string }) {
  const router = useRouter();
  const [error, setError] = React.useState<string | undefined>(initialError);
  // After a right password for an account with a second factor: the same form asks for the code.
  const [codeStep, setCodeStep] = React.useState(false);
  const form = useForm<SignInInput>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: "", password: "", code: "" },
  });

  async function onSubmit(values: SignInInput) {
    setError(undefined);
    if (codeStep && !values.code) {
      form.setError("code", { message: ENTER_CODE });
      return;
    }
    const result = await signIn("credentials", {
      email: values.email,
      password: values.password,
      ...(codeStep ? { code: values.code } : {}),
      redirect: false,
    });
    if (result?.error === SECOND_FACTOR_REQUIRED) {
      setCodeStep(true);
      return;
    }
    if (!result || result.error) {
      setError(
        result?.error && result.error !== "CredentialsSignin" ? result.error : "Email or password is incorrect.",
      );
      form.setValue(codeStep ? "code" : "password", "");
      return;
    }
    router.replace("/connections");
    router.refresh();
  }

  const { errors, isSubmitting } = form.formState;
  return (
    <AuthForm
      onSubmit={form.handleSubmit(onSubmit)}
      error={error}
      submitting={isSubmitting}
      submitLabel={codeStep ? "Verify" : "Sign in"}
      submittingLabel={codeStep ? "Verifying…" : "Signing in…"}
    >
      <Field id="email" label="Email" error={errors.email?.message}>
        <Input type="email" autoComplete="username" autoFocus readOnly={codeStep} {...form.register("email")} />
      </Field>
      <Field id="password" label="Password" error={errors.password?.message} className={codeStep ? "hidden" : ""}>
        <Input type="password" autoComplete="current-password" {...form.register("password")} />
      </Field>
      {codeStep ? (
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
  );
}
