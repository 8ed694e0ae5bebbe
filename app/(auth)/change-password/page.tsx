import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { requirePageUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  const user = await requirePageUser("AUDITOR", { passwordChange: true });
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">Choose your password</h1>
      <p className="mb-4 text-sm text-muted-foreground">
        {user.mustChangePassword
          ? "You signed in with a one-time password. Choose your own to continue."
          : `Change the password of ${user.email}.`}
      </p>
      <ChangePasswordForm />
    </>
  );
}
