"use client";

import * as React from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { setupSchema, type SetupInput } from "@/lib/schemas/auth";
import { completeSetup } from "@/app/(auth)/setup/actions";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";

export function SetupForm() {
  const router = useRouter();
  const [error, setError] = React.useState<string>();
  const form = useForm<SetupInput>({
    resolver: zodResolver(setupSchema),
    defaultValues: { setupCode: "", email: "", name: "", password: "", confirmPassword: "" },
  });

  async function onSubmit(values: SetupInput) {
    setError(undefined);
    const result = await completeSetup(values);
    if (!result.ok) {
      applyFieldErrors(form.setError, result.fieldErrors);
      if (!result.fieldErrors) setError(result.error);
      return;
    }
    await signIn("credentials", { email: values.email, password: values.password, redirect: false });
    router.replace("/connections");
    router.refresh();
  }

  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={form.handleSubmit(onSubmit)} className="grid gap-4" noValidate>
      {error ? <Alert variant="destructive">{error}</Alert> : null}
      <Field id="setupCode" label="Setup code" hint="Printed in the server log when Handshake started." error={errors.setupCode?.message}>
        <Input autoComplete="off" spellCheck={false} className="font-mono uppercase" {...form.register("setupCode")} />
      </Field>
      <Field id="email" label="Email" error={errors.email?.message}>
        <Input type="email" autoComplete="username" {...form.register("email")} />
      </Field>
      <Field id="name" label="Name" optional error={errors.name?.message}>
        <Input autoComplete="name" {...form.register("name")} />
      </Field>
      <Field id="password" label="Password" hint="At least 12 characters." error={errors.password?.message}>
        <Input type="password" autoComplete="new-password" {...form.register("password")} />
      </Field>
      <Field id="confirmPassword" label="Confirm password" error={errors.confirmPassword?.message}>
        <Input type="password" autoComplete="new-password" {...form.register("confirmPassword")} />
      </Field>
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? "Creating admin…" : "Create admin account"}
      </Button>
    </form>
  );
}
