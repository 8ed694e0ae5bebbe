import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { prisma } from "@/lib/db/prisma";
import { getConfig } from "@/lib/config/env";
import { verifyPassword } from "@/lib/auth/password";
import { describeWait, POLICIES, releaseAfterSuccess, reserveAttempt, signInThrottleKeys } from "@/lib/auth/throttle";
import { knownDeviceOf, rememberDevice } from "@/lib/auth/device-cookie";
import { getRequestContext, requestContextFrom } from "@/lib/http/request-context";
import { recordAuditEvent, recordStandaloneAuditEvent } from "@/lib/audit/record-audit-event";
import { SESSION_MAX_AGE_SECONDS, signOutUserSession, startUserSession } from "@/lib/auth/user-sessions";
import { checkSecondFactor } from "@/lib/auth/second-factor-sign-in";
import { isLocalSignInRefused, readActiveSsoSettings } from "@/lib/auth/sso-settings";
import { admitSsoUser } from "@/lib/auth/sso-sign-in";
import { activeSsoProvider, SSO_PROVIDER_ID } from "@/lib/auth/sso-provider";

/** Messages shown on the sign-in page. Unknown user and wrong password share one on purpose. */
export const SIGN_IN_ERRORS = {
  invalid: "Email or password is incorrect.",
  disabled: "This account is disabled. Ask an admin to enable it.",
  localOff: "Sign-in with a password is turned off: use the single sign-on button.",
  throttled: (seconds: number) => `Too many failed sign-ins. Try again in ${describeWait(seconds)}.`,
} as const;

function headerValue(headers: Record<string, unknown> | undefined, name: string): string | null {
  const v = headers?.[name];
  return typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : null;
}

export const authOptions: NextAuthOptions = {
  secret: getConfig().nextauthSecret,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        code: { label: "Authentication code", type: "text" },
        passkey: { label: "Passkey assertion", type: "text" },
      },
      async authorize(credentials, req) {
        const email = (credentials?.email ?? "").trim().toLowerCase().slice(0, 320);
        const password = credentials?.password ?? "";
        const { ip, userAgent } = requestContextFrom({ get: (name) => headerValue(req.headers, name) });

        // Reserved before the password is checked, so parallel guesses cannot all pass one check.
        // Refused attempts are only counted (lib/auth/throttle.ts): no audit event each. A known
        // device (lib/auth/device-cookie.ts) is never held up by the account's delay.
        const throttleKeys = signInThrottleKeys(email, ip, knownDeviceOf(headerValue(req.headers, "cookie"), email));
        const reservation = await reserveAttempt(throttleKeys);
        if (!reservation.allowed) throw new Error(SIGN_IN_ERRORS.throttled(reservation.retryAfterSeconds));
        for (const { failures } of reservation.sustained) {
          await recordStandaloneAuditEvent({
            actor: { id: null, email, role: null, ip, userAgent },
            action: "auth.sign_in_delay_sustained",
            details: { failuresInWindow: failures, accountDelaySeconds: POLICIES.account.maxDelayMs / 1000 },
          });
        }

        // While single sign-on replaces local sign-in, only the named break-glass accounts use a password.
        if (email && (await isLocalSignInRefused(email))) {
          await prisma.$transaction((tx) =>
            recordAuditEvent(tx, {
              actor: { id: null, email, role: null, ip, userAgent },
              action: "auth.local_sign_in_refused",
            }),
          );
          throw new Error(SIGN_IN_ERRORS.localOff);
        }

        const user = email ? await prisma.user.findUnique({ where: { email } }) : null;
        const passwordOk = await verifyPassword(user?.passwordHash, password);
        if (!user || !passwordOk || user.disabled) {
          await prisma.$transaction((tx) =>
            recordAuditEvent(tx, {
              actor: { id: user?.id ?? null, email, role: user?.role ?? null, ip, userAgent },
              action: "auth.sign_in_failed",
              details: { reason: user && passwordOk ? "disabled" : "invalid_credentials" },
            }),
          );
          throw new Error(user && passwordOk ? SIGN_IN_ERRORS.disabled : SIGN_IN_ERRORS.invalid);
        }

        // The password's reservation is kept until the second factor passed too, so wrong codes
        // count against the same keys as wrong passwords (lib/auth/second-factor-sign-in.ts).
        const actor = { id: user.id, email: user.email, role: user.role, ip, userAgent };
        const secondFactor = await checkSecondFactor(
          user,
          { code: (credentials?.code ?? "").slice(0, 64), passkey: (credentials?.passkey ?? "").slice(0, 16_384) },
          actor,
        );

        await releaseAfterSuccess(throttleKeys);
        await rememberDevice(user.email);
        await prisma.$transaction(async (tx) => {
          await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
          await recordAuditEvent(tx, {
            actor,
            action: "auth.sign_in",
            target: { type: "user", id: user.id, name: user.email },
            ...(secondFactor ? { details: { secondFactor } } : {}),
          });
        });
        return { id: user.id, email: user.email, name: user.name, tokenVersion: user.tokenVersion };
      },
    }),
  ],
  callbacks: {
    async signIn({ user, account, profile }) {
      if (account?.provider !== SSO_PROVIDER_ID) return true;
      const settings = await readActiveSsoSettings();
      if (!settings || !profile) return "/login?error=SsoOff";
      const context = await getRequestContext().catch(() => ({ ip: null, userAgent: null }));
      const admission = await admitSsoUser(profile as Record<string, unknown>, settings, context);
      if (!admission.admitted) return `/login/refused?reason=${admission.reason}`;
      // next-auth passes this same object on to the jwt callback as `user` (no adapter): the
      // token's subject becomes the console's user, not the IdP's subject.
      Object.assign(user, {
        id: admission.userId,
        email: admission.email,
        name: admission.name,
        tokenVersion: admission.tokenVersion,
      });
      return true;
    },
    async jwt({ token, user, account }) {
      if (user) {
        token.sub = user.id;
        token.tokenVersion = (user as { tokenVersion?: number }).tokenVersion ?? 0;
        // A signed token cannot be taken back: its session row can (sign-out, idle timeout).
        token.sid = await startUserSession(user.id);
      }
      // Kept for sign-out at the IdP (RP-initiated logout's id_token_hint); the session cookie is encrypted.
      if (account?.provider === SSO_PROVIDER_ID && account.id_token) token.idToken = account.id_token;
      return token;
    },
    session({ session, token }) {
      // Role, status and the session's state are not trusted from the token: lib/auth/session.ts
      // re-reads the user and the session row per request.
      return {
        ...session,
        user: { ...session.user, id: token.sub, tokenVersion: token.tokenVersion, sessionId: token.sid },
      };
    },
  },
  events: {
    // next-auth runs this for the cookie the sign-out request presented, before clearing it.
    async signOut({ token }) {
      if (!token?.sid) return;
      const context = await getRequestContext().catch(() => ({ ip: null, userAgent: null }));
      await signOutUserSession(token.sid, context);
    },
  },
};

/** The options of one next-auth request: the single sign-on provider joins while it is on. */
export async function buildAuthOptions(): Promise<NextAuthOptions> {
  const sso = await activeSsoProvider();
  return sso ? { ...authOptions, providers: [...authOptions.providers, sso] } : authOptions;
}
