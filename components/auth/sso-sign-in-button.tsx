"use client";

import * as React from "react";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";

/** Starts single sign-on: next-auth sends the browser to the IdP (code flow with PKCE, state, nonce). */
export function SsoSignInButton({ label }: { label: string }) {
  const [pending, setPending] = React.useState(false);
  return (
    <div className="mb-4 grid gap-2">
      <Button
        type="button"
        disabled={pending}
        onClick={() => {
          setPending(true);
          void signIn("sso", { callbackUrl: "/connections" });
        }}
      >
        Sign in with {label}
      </Button>
      <p className="text-center text-xs text-muted-foreground">or with your email and password</p>
    </div>
  );
}
