import type { Metadata } from "next";
import Link from "next/link";
import { SecondFactorSettings } from "@/components/auth/second-factor-settings";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { requirePageUser } from "@/lib/auth/session";
import { secondFactorStatusOf } from "@/lib/auth/totp-enrolment";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requirePageUser("AUDITOR", { secondFactorEnrolment: true });
  const status = await secondFactorStatusOf(user.id);
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">Your account</h1>
      <p className="mb-4 text-sm text-muted-foreground wrap-anywhere">{user.email}</p>
      {user.mustEnrolSecondFactor ? (
        <p role="status" className="mb-4 text-sm">
          Your admin requires a second factor. Add an authenticator app to continue.
        </p>
      ) : null}
      <SecondFactorSettings status={status} />
      <div className="mt-4 flex items-center justify-between">
        {user.mustEnrolSecondFactor ? (
          <span />
        ) : (
          <Link href="/connections" className="text-sm underline">
            Back to the console
          </Link>
        )}
        <SignOutButton />
      </div>
    </>
  );
}
