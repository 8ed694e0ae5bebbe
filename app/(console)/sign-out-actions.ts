"use server";

import { getSessionUser } from "@/lib/auth/session";
import { idpSignOutUrlOfSession } from "@/lib/auth/sso-logout";

/** Where the browser goes after signing out here: the IdP's logout for a single sign-on session, else null. */
export async function idpSignOutUrlAction(): Promise<string | null> {
  if (!(await getSessionUser())) return null;
  return idpSignOutUrlOfSession();
}
