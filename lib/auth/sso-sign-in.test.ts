/**
 * Single sign-on end to end without a browser: next-auth's own handler (built from the console's
 * options, lib/auth/options.ts) against a second real oidc-provider acting as the company IdP,
 * whose accounts carry a `groups` claim; the IdP's login page is played by driveProviderLogin.
 * Settings, their test and the switch; roles from groups, just-in-time users, role changes at
 * the next sign-in, refusals ending open sessions, local sign-in off but for break-glass accounts.
 */
import path from "node:path";
import { createRequire } from "node:module";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/db/generated/client";
import { createTestDatabase } from "@/lib/testing/test-database";
import { startOidcProvider, type RunningOidcProvider } from "@/lib/testing/oidc-provider-factory";
import { driveProviderLogin } from "@/lib/testing/drive-provider-login";
import { SYSTEM_ACTOR } from "@/lib/audit/record-audit-event";

const APP_URL = "http://127.0.0.1:4799";
const CALLBACK = `${APP_URL}/api/auth/callback/sso`;
const SECRET = "company-idp-client-secret-0123456789";
const groups = new Map<string, string[]>([
  ["ada", ["handshake-admins"]],
  ["ben", ["handshake-auditors", "staff"]],
  ["cy", ["staff"]],
]);

let cleanup: () => void;
let db: PrismaClient;
let idp: RunningOidcProvider;
let settings: typeof import("@/lib/auth/sso-settings");
let ssoTest: typeof import("@/lib/auth/sso-test");
let options: typeof import("@/lib/auth/options");
type AuthResponse = { redirect?: string; body?: unknown; cookies?: { name: string; value: string }[] };
let nextAuth: { AuthHandler(params: { req: Request; options: unknown }): Promise<AuthResponse> };
let jwt: typeof import("next-auth/jwt");

beforeAll(async () => {
  process.env.APP_URL = APP_URL;
  process.env.NEXTAUTH_URL = APP_URL;
  process.env.OUTBOUND_ALLOW_HTTP = "true";
  process.env.OUTBOUND_ALLOW_CIDRS = "127.0.0.0/8";
  cleanup = createTestDatabase().cleanup;
  db = (await import("@/lib/db/prisma")).prisma;
  settings = await import("@/lib/auth/sso-settings");
  ssoTest = await import("@/lib/auth/sso-test");
  options = await import("@/lib/auth/options");
  // next-auth's core handler, the one its route handler calls, is not in the package's exports.
  nextAuth = createRequire(import.meta.url)(path.resolve("node_modules/next-auth/core/index.js"));
  jwt = await import("next-auth/jwt");
  idp = await startOidcProvider(
    () => [
      {
        client_id: "handshake",
        client_secret: SECRET,
        grant_types: ["authorization_code"],
        redirect_uris: [CALLBACK],
        post_logout_redirect_uris: [`${APP_URL}/login`],
      },
    ],
    0,
    {},
    { directory: { groupsOf: (id) => groups.get(id) ?? [] } },
  );
});

afterAll(async () => {
  await idp?.close();
  await db.$disconnect();
  cleanup();
});

const configuration = () => ({
  issuer: idp.issuer,
  clientId: "handshake",
  scopes: "openid email profile groups",
  buttonLabel: "Company sign-in",
  roleClaim: "groups",
  adminValues: ["handshake-admins"],
  auditorValues: ["handshake-auditors"],
  allowedDomains: [],
});

/** The cookies next-auth set, as a jar. */
type Jar = Map<string, string>;
function keep(jar: Jar, response: { cookies?: { name: string; value: string }[] }) {
  for (const c of response.cookies ?? []) jar.set(c.name, c.value);
}
const cookieHeader = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** One next-auth request through the console's per-request options. */
async function authRequest(path: string, jar: Jar, init: { method?: string; body?: Record<string, string> } = {}) {
  const response = await nextAuth.AuthHandler({
    req: new Request(`${APP_URL}/api/auth/${path}`, {
      method: init.method ?? "GET",
      // The core handler reads a JSON body (next-auth's route handler parses the form for it).
      body: init.body ? JSON.stringify(init.body) : undefined,
      headers: { cookie: cookieHeader(jar), ...(init.body ? { "content-type": "application/json" } : {}) },
    }),
    options: await options.buildAuthOptions(),
  });
  keep(jar, response);
  return response;
}

/** Signs in as an IdP account: the console's redirect after the callback and the session token's claims. */
async function signInAs(login: string) {
  const jar: Jar = new Map();
  const csrf = await authRequest("csrf", jar);
  const { csrfToken } = csrf.body as { csrfToken: string };
  const start = await authRequest("signin/sso", jar, {
    method: "POST",
    body: { csrfToken, callbackUrl: `${APP_URL}/connections` },
  });
  const authorizationUrl = start.redirect!;
  expect(authorizationUrl).toContain(idp.issuer);
  const callback = await driveProviderLogin(authorizationUrl, CALLBACK, { login });
  const done = await authRequest(`callback/sso${callback.search}`, jar);
  const sessionToken = jar.get("next-auth.session-token");
  const token = sessionToken
    ? await jwt.decode({ token: sessionToken, secret: (await import("@/lib/config/env")).getConfig().nextauthSecret })
    : null;
  return { redirect: done.redirect!, token, authorizationUrl: new URL(authorizationUrl) };
}

async function auditActions(): Promise<string[]> {
  return (await db.auditEvent.findMany({ orderBy: { seq: "asc" } })).map((e) => e.action);
}

describe("single sign-on settings", () => {
  it("switches on only after a passed test; a wrong secret fails the test", async () => {
    await settings.saveSsoConfiguration(SYSTEM_ACTOR, { ...configuration(), clientSecret: "not-the-secret" });
    await expect(
      settings.setSsoSwitch(SYSTEM_ACTOR, { enabled: true, localSignInOff: false, breakGlassEmails: [] }),
    ).rejects.toThrow(/Test the sign-in settings first/);
    const failed = await ssoTest.testSsoSettings(SYSTEM_ACTOR);
    expect(failed.passed).toBe(false);
    expect(failed.steps.map((s) => [s.name, s.passed])).toEqual([
      ["Discovery", true],
      ["Client authentication", false],
    ]);

    await settings.saveSsoConfiguration(SYSTEM_ACTOR, { ...configuration(), clientSecret: SECRET });
    const passed = await ssoTest.testSsoSettings(SYSTEM_ACTOR);
    expect(passed).toMatchObject({ passed: true });
    await settings.setSsoSwitch(SYSTEM_ACTOR, { enabled: true, localSignInOff: false, breakGlassEmails: [] });
    expect(await settings.readActiveSsoSettings()).toMatchObject({
      enabled: true,
      tested: true,
      hasClientSecret: true,
    });

    const stored = JSON.stringify(await db.setting.findMany());
    const audited = JSON.stringify(await db.auditEvent.findMany());
    for (const text of [stored, audited]) expect(text).not.toContain(SECRET);
  });

  it("an unreachable issuer fails the test at discovery", async () => {
    const { issuer } = await startOidcProvider(() => []).then(async (other) => (await other.close(), other));
    await settings.saveSsoConfiguration(SYSTEM_ACTOR, { ...configuration(), issuer, clientSecret: SECRET });
    const result = await ssoTest.testSsoSettings(SYSTEM_ACTOR);
    expect(result.steps).toEqual([expect.objectContaining({ name: "Discovery", passed: false })]);
    expect((await settings.readSsoSettings())?.enabled).toBe(false);
  });
});

describe("the IdP's endpoints", () => {
  it("are held to the outbound rules: a token endpoint on a metadata address gives no provider", async () => {
    const { buildSsoProvider } = await import("@/lib/auth/sso-provider");
    const { OutboundBlockedError } = await import("@/lib/net/guarded-fetch");
    const current = { ...configuration(), enabled: true } as unknown as Parameters<typeof buildSsoProvider>[0];
    const metadata = { issuer: idp.issuer, token_endpoint: `${idp.issuer}/token`, jwks_uri: `${idp.issuer}/jwks` };
    expect(buildSsoProvider(current, metadata, SECRET).httpOptions).toMatchObject({ timeout: 10_000 });
    const metadataAddress = { ...metadata, token_endpoint: "http://169.254.169.254/latest/meta-data" };
    expect(() => buildSsoProvider(current, metadataAddress, SECRET)).toThrow(OutboundBlockedError);
  });
});

describe("signing in through the IdP", () => {
  beforeEach(async () => {
    await settings.saveSsoConfiguration(SYSTEM_ACTOR, { ...configuration(), clientSecret: SECRET });
    expect((await ssoTest.testSsoSettings(SYSTEM_ACTOR)).passed).toBe(true);
    await settings.setSsoSwitch(SYSTEM_ACTOR, { enabled: true, localSignInOff: false, breakGlassEmails: [] });
  });

  it("uses the code flow with PKCE, state and nonce", async () => {
    const { authorizationUrl } = await signInAs("ada");
    for (const name of ["state", "nonce", "code_challenge"])
      expect(authorizationUrl.searchParams.get(name)).toBeTruthy();
    expect(authorizationUrl.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorizationUrl.searchParams.get("response_type")).toBe("code");
  });

  it("maps groups to roles, creates users just in time and refuses a user in no mapped group", async () => {
    const ada = await signInAs("ada");
    expect(ada.redirect).toBe(`${APP_URL}/connections`);
    const adaUser = await db.user.findUniqueOrThrow({ where: { email: "ada@example.test" } });
    expect(adaUser.role).toBe("ADMIN");
    expect(ada.token?.sub).toBe(adaUser.id);
    expect(await db.userSession.count({ where: { id: ada.token!.sid!, userId: adaUser.id } })).toBe(1);

    await signInAs("ben");
    expect((await db.user.findUniqueOrThrow({ where: { email: "ben@example.test" } })).role).toBe("AUDITOR");

    const cy = await signInAs("cy");
    expect(cy.redirect).toBe("/login/refused?reason=no_mapped_role");
    expect(cy.token).toBeNull();
    expect(await db.user.count({ where: { email: "cy@example.test" } })).toBe(0);
    expect(await auditActions()).toEqual(expect.arrayContaining(["auth.sso_sign_in", "auth.sso_sign_in_refused"]));
  });

  it("follows the groups at the next sign-in and ends the sessions of a user who left them", async () => {
    groups.set("dee", ["handshake-auditors"]);
    const first = await signInAs("dee");
    const dee = await db.user.findUniqueOrThrow({ where: { email: "dee@example.test" } });
    expect(dee.role).toBe("AUDITOR");

    groups.set("dee", ["handshake-admins"]);
    await signInAs("dee");
    const promoted = await db.user.findUniqueOrThrow({ where: { id: dee.id } });
    expect(promoted.role).toBe("ADMIN");
    expect(promoted.tokenVersion).toBe(dee.tokenVersion + 1);
    const roleChange = await db.auditEvent.findFirstOrThrow({ where: { action: "auth.sso_role_changed" } });
    expect(JSON.parse(roleChange.details!)).toEqual({ role: { from: "AUDITOR", to: "ADMIN" }, claim: "groups" });

    groups.set("dee", []);
    const refused = await signInAs("dee");
    expect(refused.redirect).toBe("/login/refused?reason=no_mapped_role");
    expect(await db.userSession.count({ where: { userId: dee.id, revokedAt: null } })).toBe(0);
    expect((await db.userSession.findUniqueOrThrow({ where: { id: first.token!.sid! } })).endReason).toBe(
      "idp_refused",
    );
  });

  it("signs out at the IdP with the session's ID token when discovery offers end_session_endpoint", async () => {
    const { token } = await signInAs("ada");
    expect(token?.idToken).toBeTruthy();
    const { idpSignOutUrl } = await import("@/lib/auth/sso-logout");
    const logout = new URL((await idpSignOutUrl(token!.idToken))!);
    expect(logout.href.startsWith(`${idp.issuer}/session/end`)).toBe(true);
    expect(logout.searchParams.get("id_token_hint")).toBe(token!.idToken);
    expect(logout.searchParams.get("post_logout_redirect_uri")).toBe(`${APP_URL}/login`);
    const confirmation = await fetch(logout);
    // Accepted (a hint or redirect it refuses is a 400 invalid_request); without its session cookie
    // the IdP's confirmation submits itself.
    expect(confirmation.status).toBe(200);
    expect(await confirmation.text()).not.toContain("invalid_request");
    expect(await idpSignOutUrl(undefined)).toBeNull();
  });

  it("refuses an e-mail domain outside the allowed ones", async () => {
    await settings.saveSsoConfiguration(SYSTEM_ACTOR, {
      ...configuration(),
      allowedDomains: ["company.example"],
      clientSecret: "",
    });
    expect((await signInAs("ada")).redirect).toBe("/login/refused?reason=domain_not_allowed");
  });

  it("turns local sign-in off for all but the break-glass accounts", async () => {
    await settings.setSsoSwitch(SYSTEM_ACTOR, {
      enabled: true,
      localSignInOff: true,
      breakGlassEmails: ["root@company.example"],
    });
    expect(await settings.isLocalSignInRefused("someone@company.example")).toBe(true);
    expect(await settings.isLocalSignInRefused("Root@company.example")).toBe(false);
    await expect(
      settings.setSsoSwitch(SYSTEM_ACTOR, { enabled: false, localSignInOff: true, breakGlassEmails: ["a@b.c"] }),
    ).rejects.toThrow(/only while single sign-on is on/);
    await settings.setSsoSwitch(SYSTEM_ACTOR, { enabled: false, localSignInOff: false, breakGlassEmails: [] });
    expect(await settings.isLocalSignInRefused("someone@company.example")).toBe(false);
  });
});
