import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getSessionUser } from "@/lib/auth/session";
import { countUsers } from "@/lib/users/find-users";
import { readActiveSsoSettings } from "@/lib/auth/sso-settings";
import { SsoSignInButton } from "@/components/auth/sso-sign-in-button";

export const metadata: Metadata = { title: "Sign in" };

const SESSION_ERRORS: Record<string, string> = {
  SessionRequired: "Your session has ended. Sign in again.",
  CredentialsSignin: "Email or password is incorrect.",
  OAuthSignin: "Single sign-on could not start: the identity provider did not answer. Try again.",
  OAuthCallback: "Single sign-on failed on the way back from the identity provider. Try again.",
  SsoOff: "Single sign-on is off. Sign in with your email and password.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  if (await getSessionUser()) redirect("/connections");
  if ((await countUsers()) === 0) redirect("/setup");
  const { error } = await searchParams;
  const sso = await readActiveSsoSettings();
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">Sign in</h1>
      {sso && <SsoSignInButton label={sso.buttonLabel} />}
      <p className="mb-4 text-sm text-muted-foreground">Use the email and password your admin gave you.</p>
      <SignInForm initialError={error ? (SESSION_ERRORS[error] ?? "Sign-in failed. Try again.") : undefined} />
    </>
  );
}
