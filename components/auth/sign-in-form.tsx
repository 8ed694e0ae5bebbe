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

export function SignInForm({ initialError }: { initialError?: string }) {
  const router = useRouter();
  const [error, setError] = React.useState<string | undefined>(initialError);
  const form = useForm<SignInInput>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: "", password: "" },
  });

  async function onSubmit(values: SignInInput) {
    setError(undefined);
    const result = await signIn("credentials", { ...values, redirect: false });
    if (!result || result.error) {
      setError(
        result?.error && result.error !== "CredentialsSignin" ? result.error : "Email or password is incorrect.",
      );
      form.setValue("password", "");
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
      submitLabel="Sign in"
      submittingLabel="Signing in…"
    >
      <Field id="email" label="Email" error={errors.email?.message}>
        <Input type="email" autoComplete="username" autoFocus {...form.register("email")} />
      </Field>
      <Field id="password" label="Password" error={errors.password?.message}>
        <Input type="password" autoComplete="current-password" {...form.register("password")} />
      </Field>
    </AuthForm>
  );
}
