import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user: { id?: string; email?: string | null; name?: string | null; tokenVersion?: number; sessionId?: string };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    tokenVersion?: number;
    /** The UserSession row behind this token (lib/auth/user-sessions.ts). */
    sid?: string;
    /** The IdP's ID token of a single sign-on, for RP-initiated logout's id_token_hint. */
    idToken?: string;
  }
}
