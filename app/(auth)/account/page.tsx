import type { Metadata } from "next";
import Link from "next/link";
import { SecondFactorSettings } from "@/components/auth/second-factor-settings";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { requirePageUser } from "@/lib/auth/session";
import { secondFactorStatusOf } from "@/lib/auth/totp-enrolment";
import { passkeysOf } from "@/lib/auth/passkeys";
import { PasskeySettings } from "@/components/auth/passkey-settings";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requirePageUser("AUDITOR", { secondFactorEnrolment: true });
  const status = await secondFactorStatusOf(user.id);
  const passkeys = await passkeysOf(user.id);
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">Your account</h1>
      <p className="mb-4 text-sm text-muted-foreground wrap-anywhere">{user.email}</p>
      {user.mustEnrolSecondFactor ? (
        <p role="status" className="mb-4 text-sm">
          Your admin requires a second factor. Add an authenticator app or a passkey to continue.
        </p>
      ) : null}
      <SecondFactorSettings status={status} />
      <PasskeySettings
        passkeys={passkeys.map((p) => ({
          id: p.id,
          createdAt: p.createdAt.toISOString(),
          lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
        }))}
      />
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
