import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { countUsers } from "@/lib/users/find-users";

export const metadata: Metadata = { title: "Set up Handshake" };

export default async function SetupPage() {
  if ((await countUsers()) > 0) redirect("/login");
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">Set up Handshake</h1>
      <p className="mb-4 text-sm text-muted-foreground">
        Create the first admin account. The one-time setup code is printed in the server log at start.
      </p>
      <SetupForm />
    </>
  );
}
