"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";

/** Signs in with the password just chosen and opens the console, after setup or a password change. */
export function useSignInAndEnter() {
  const router = useRouter();
  return async (email: string, password: string) => {
    await signIn("credentials", { email, password, redirect: false });
    router.replace("/connections");
    router.refresh();
  };
}
