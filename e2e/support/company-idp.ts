/**
 * A second oidc-provider acting as a company's identity provider for the console's own single
 * sign-on: its accounts (any login name, e-mail `<login>@example.test`) carry a `groups` claim
 * from a directory the spec changes while it runs, the way a user moves between groups.
 */
import { startOidcProvider, type RunningOidcProvider } from "../../lib/testing/oidc-provider-factory";

export const COMPANY_IDP_CLIENT = { clientId: "handshake-console", clientSecret: "company-idp-secret-e2e-7d41c9a0b2" };

export type CompanyIdp = RunningOidcProvider & { setGroups(login: string, groups: string[]): void };

export async function startCompanyIdp(consoleUrl: string, groups: Record<string, string[]>): Promise<CompanyIdp> {
  const directory = new Map(Object.entries(groups));
  const idp = await startOidcProvider(
    () => [
      {
        client_id: COMPANY_IDP_CLIENT.clientId,
        client_secret: COMPANY_IDP_CLIENT.clientSecret,
        grant_types: ["authorization_code"],
        redirect_uris: [`${consoleUrl}/api/auth/callback/sso`],
        post_logout_redirect_uris: [`${consoleUrl}/login`],
      },
    ],
    0,
    {},
    { directory: { groupsOf: (login) => directory.get(login) ?? [] } },
  );
  return { ...idp, setGroups: (login, next) => directory.set(login, next) };
}
