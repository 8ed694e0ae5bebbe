import type { Metadata } from "next";
import Link from "next/link";
import { isSsoRefusal, SSO_REFUSALS } from "@/lib/auth/sso-sign-in";

export const metadata: Metadata = { title: "Sign-in refused" };

/** Where a refused single sign-on lands (lib/auth/options.ts): why, and nothing else. No session exists. */
export default async function SignInRefusedPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason } = await searchParams;
  return (
    <>
      <h1 className="mb-2 text-lg font-semibold">You cannot sign in to Handshake</h1>
      <p className="mb-4 text-sm" role="status">
        {isSsoRefusal(reason) ? SSO_REFUSALS[reason] : "Single sign-on refused this sign-in."}
      </p>
      <Link href="/login" className="text-sm underline">
        Back to sign-in
      </Link>
    </>
  );
}
