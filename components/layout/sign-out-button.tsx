"use client";

import { signOut } from "next-auth/react";
import { LogOut } from "lucide-react";
import { Button } from "@/components/ui/button";
import { idpSignOutUrlAction } from "@/app/(console)/sign-out-actions";

export function SignOutButton() {
  async function signOutEverywhere() {
    // Asked before the session ends: the IdP's logout URL needs the session's ID token.
    const idpLogout = await idpSignOutUrlAction().catch(() => null);
    await signOut({ redirect: false });
    window.location.assign(idpLogout ?? "/login");
  }
  return (
    <Button variant="ghost" size="sm" onClick={() => void signOutEverywhere()}>
      <LogOut aria-hidden />
      Sign out
    </Button>
  );
}
