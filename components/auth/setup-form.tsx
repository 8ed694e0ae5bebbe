"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { setupSchema, type SetupInput } from "@/lib/schemas/auth";
import { completeSetup } from "@/app/(auth)/setup/actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { NewPasswordFields } from "@/components/auth/new-password-fields";

export function SetupForm() {
  const router = useRouter();
  const { form, formError, onSubmit } = useActionForm({
    schema: setupSchema,
    defaultValues: { setupCode: "", email: "", name: "", password: "", confirmPassword: "" },
    action: completeSetup,
    onSuccess: async (_, values: SetupInput) => {
      await signIn("credentials", { email: values.email, password: values.password, redirect: false });
      router.replace("/connections");
      router.refresh();
    },
  });

  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      {formError ? <Alert variant="destructive">{formError}</Alert> : null}
      <Field id="setupCode" label="Setup code" hint="Printed in the server log when Handshake started." error={errors.setupCode?.message}>
        <Input autoComplete="off" spellCheck={false} className="font-mono uppercase" {...form.register("setupCode")} />
      </Field>
      <Field id="email" label="Email" error={errors.email?.message}>
        <Input type="email" autoComplete="username" {...form.register("email")} />
      </Field>
      <Field id="name" label="Name" optional error={errors.name?.message}>
        <Input autoComplete="name" {...form.register("name")} />
      </Field>
      <NewPasswordFields
        label="Password"
        password={form.register("password")}
        confirmPassword={form.register("confirmPassword")}
        errors={{ password: errors.password?.message, confirmPassword: errors.confirmPassword?.message }}
      />
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? "Creating admin…" : "Create admin account"}
      </Button>
    </form>
  );
}
