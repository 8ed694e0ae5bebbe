/** The presets of well-known providers the wizard offers, and their shape; lookups are in provider-presets.ts. */
import type { GrantType } from "@/lib/connections/connection-options";
import type { ClientAuthMethod } from "@/lib/oauth/client-auth/client-auth-methods";

export type PresetPlaceholder = {
  key: string;
  label: string;
  hint: string;
  example: string;
  pattern: RegExp;
  patternMessage: string;
  /** When set, the value is picked from this list. */
  options?: readonly { value: string; label: string }[];
};

export type PresetEndpoints = {
  issuer?: string;
  authorizationUrl?: string;
  tokenUrl?: string;
  userinfoUrl?: string;
  revocationUrl?: string;
  jwksUrl?: string;
};

export type ProviderPreset = {
  id: string;
  label: string;
  placeholders: readonly PresetPlaceholder[];
  endpoints: PresetEndpoints;
  scopes: readonly string[];
  grantType?: GrantType;
  clientAuthMethod?: ClientAuthMethod;
  authParams?: readonly { key: string; value: string }[];
  /** True when the provider publishes discovery metadata at the issuer. */
  supportsDiscovery: boolean;
  note?: string;
};

const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const HOST_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const PATH_SEGMENT = /^[A-Za-z0-9._~-]{1,128}$/;

const hostMessage = "Enter a host name such as example.com (letters, digits, dots and hyphens).";

export const PROVIDER_PRESETS: readonly ProviderPreset[] = [
  { id: "custom", label: "Custom", placeholders: [], endpoints: {}, scopes: [], supportsDiscovery: true },
  {
    id: "microsoft-entra-id",
    label: "Microsoft Entra ID",
    placeholders: [
      {
        key: "tenant",
        label: "Tenant",
        hint: "Directory (tenant) ID, a verified domain, or organizations / common.",
        example: "contoso.onmicrosoft.com",
        pattern: HOST_NAME,
        patternMessage: "Enter a tenant ID or domain (letters, digits, dots and hyphens).",
      },
    ],
    endpoints: {
      issuer: "https://login.microsoftonline.com/{tenant}/v2.0",
      authorizationUrl: "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize",
      tokenUrl: "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token",
      userinfoUrl: "https://graph.microsoft.com/oidc/userinfo",
      jwksUrl: "https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys",
    },
    scopes: ["openid", "profile", "email", "offline_access"],
    supportsDiscovery: true,
  },
  {
    id: "google",
    label: "Google",
    placeholders: [],
    endpoints: {
      issuer: "https://accounts.google.com",
      authorizationUrl: "https://accounts.google.com/o/oauth2/v2/auth",
      tokenUrl: "https://oauth2.googleapis.com/token",
      userinfoUrl: "https://openidconnect.googleapis.com/v1/userinfo",
      revocationUrl: "https://oauth2.googleapis.com/revoke",
      jwksUrl: "https://www.googleapis.com/oauth2/v3/certs",
    },
    scopes: ["openid", "email", "profile"],
    grantType: "authorization_code_pkce",
    // Google issues refresh tokens only for access_type=offline, and again only with prompt=consent.
    authParams: [
      { key: "access_type", value: "offline" },
      { key: "prompt", value: "consent" },
    ],
    supportsDiscovery: true,
  },
  {
    id: "salesforce",
    label: "Salesforce",
    placeholders: [
      {
        key: "domain",
        label: "My Domain",
        hint: "Your org's My Domain host, or login.salesforce.com (test.salesforce.com for sandboxes).",
        example: "acme.my.salesforce.com",
        pattern: HOST_NAME,
        patternMessage: hostMessage,
      },
    ],
    endpoints: {
      issuer: "https://{domain}",
      authorizationUrl: "https://{domain}/services/oauth2/authorize",
      tokenUrl: "https://{domain}/services/oauth2/token",
      userinfoUrl: "https://{domain}/services/oauth2/userinfo",
      revocationUrl: "https://{domain}/services/oauth2/revoke",
      jwksUrl: "https://{domain}/id/keys",
    },
    scopes: ["api", "refresh_token", "openid"],
    supportsDiscovery: true,
  },
  {
    id: "servicenow",
    label: "ServiceNow",
    placeholders: [
      {
        key: "instance",
        label: "Instance name",
        hint: "The first part of your instance host: <instance>.service-now.com.",
        example: "acme",
        pattern: HOST_LABEL,
        patternMessage: "Enter the instance name only (letters, digits and hyphens).",
      },
    ],
    endpoints: {
      authorizationUrl: "https://{instance}.service-now.com/oauth_auth.do",
      tokenUrl: "https://{instance}.service-now.com/oauth_token.do",
      revocationUrl: "https://{instance}.service-now.com/oauth_revoke_token.do",
    },
    scopes: ["useraccount"],
    grantType: "authorization_code",
    clientAuthMethod: "client_secret_post",
    supportsDiscovery: false,
    note: "ServiceNow does not publish discovery metadata; the endpoints below come from its documentation.",
  },
  {
    id: "okta",
    label: "Okta",
    placeholders: [
      {
        key: "domain",
        label: "Okta domain",
        hint: "Your Okta org host. The default custom authorization server is used.",
        example: "dev-123456.okta.com",
        pattern: HOST_NAME,
        patternMessage: hostMessage,
      },
    ],
    endpoints: {
      issuer: "https://{domain}/oauth2/default",
      authorizationUrl: "https://{domain}/oauth2/default/v1/authorize",
      tokenUrl: "https://{domain}/oauth2/default/v1/token",
      userinfoUrl: "https://{domain}/oauth2/default/v1/userinfo",
      revocationUrl: "https://{domain}/oauth2/default/v1/revoke",
      jwksUrl: "https://{domain}/oauth2/default/v1/keys",
    },
    scopes: ["openid", "profile", "email", "offline_access"],
    supportsDiscovery: true,
  },
  {
    id: "auth0",
    label: "Auth0",
    placeholders: [
      {
        key: "domain",
        label: "Auth0 domain",
        hint: "Your tenant's domain or custom domain.",
        example: "acme.us.auth0.com",
        pattern: HOST_NAME,
        patternMessage: hostMessage,
      },
    ],
    endpoints: {
      // Auth0's issuer identifier ends with a slash, and discovery compares it byte for byte.
      issuer: "https://{domain}/",
      authorizationUrl: "https://{domain}/authorize",
      tokenUrl: "https://{domain}/oauth/token",
      userinfoUrl: "https://{domain}/userinfo",
      revocationUrl: "https://{domain}/oauth/revoke",
      jwksUrl: "https://{domain}/.well-known/jwks.json",
    },
    scopes: ["openid", "profile", "email", "offline_access"],
    supportsDiscovery: true,
  },
  {
    id: "keycloak",
    label: "Keycloak",
    placeholders: [
      {
        key: "host",
        label: "Keycloak host",
        hint: "The host your Keycloak server is reached at.",
        example: "sso.example.com",
        pattern: HOST_NAME,
        patternMessage: hostMessage,
      },
      {
        key: "realm",
        label: "Realm",
        hint: "The realm the client is registered in.",
        example: "acme",
        pattern: PATH_SEGMENT,
        patternMessage: "Enter the realm name (letters, digits, dot, underscore, tilde and hyphen).",
      },
    ],
    endpoints: {
      issuer: "https://{host}/realms/{realm}",
      authorizationUrl: "https://{host}/realms/{realm}/protocol/openid-connect/auth",
      tokenUrl: "https://{host}/realms/{realm}/protocol/openid-connect/token",
      userinfoUrl: "https://{host}/realms/{realm}/protocol/openid-connect/userinfo",
      revocationUrl: "https://{host}/realms/{realm}/protocol/openid-connect/revoke",
      jwksUrl: "https://{host}/realms/{realm}/protocol/openid-connect/certs",
    },
    scopes: ["openid", "profile", "email", "offline_access"],
    supportsDiscovery: true,
  },
  {
    id: "github",
    label: "GitHub",
    placeholders: [],
    endpoints: {
      authorizationUrl: "https://github.com/login/oauth/authorize",
      tokenUrl: "https://github.com/login/oauth/access_token",
      userinfoUrl: "https://api.github.com/user",
    },
    scopes: ["read:user", "user:email"],
    grantType: "authorization_code_pkce",
    clientAuthMethod: "client_secret_post",
    supportsDiscovery: false,
    note: "GitHub OAuth apps publish no discovery metadata and always need the client secret, PKCE or not.",
  },
  {
    id: "genesys-cloud",
    label: "Genesys Cloud",
    placeholders: [
      {
        key: "region",
        label: "Region",
        hint: "The region domain of your Genesys Cloud organization.",
        example: "mypurecloud.com",
        pattern: HOST_NAME,
        patternMessage: "Choose your region.",
        options: [
          { value: "mypurecloud.com", label: "Americas (US East): mypurecloud.com" },
          { value: "usw2.pure.cloud", label: "Americas (US West): usw2.pure.cloud" },
          { value: "cac1.pure.cloud", label: "Americas (Canada): cac1.pure.cloud" },
          { value: "sae1.pure.cloud", label: "Americas (São Paulo): sae1.pure.cloud" },
          { value: "mypurecloud.ie", label: "EMEA (Dublin): mypurecloud.ie" },
          { value: "euw2.pure.cloud", label: "EMEA (London): euw2.pure.cloud" },
          { value: "mypurecloud.de", label: "EMEA (Frankfurt): mypurecloud.de" },
          { value: "euc2.pure.cloud", label: "EMEA (Zurich): euc2.pure.cloud" },
          { value: "mec1.pure.cloud", label: "Middle East (UAE): mec1.pure.cloud" },
          { value: "aps1.pure.cloud", label: "Asia Pacific (Mumbai): aps1.pure.cloud" },
          { value: "apne2.pure.cloud", label: "Asia Pacific (Seoul): apne2.pure.cloud" },
          { value: "mypurecloud.jp", label: "Asia Pacific (Tokyo): mypurecloud.jp" },
          { value: "mypurecloud.com.au", label: "Asia Pacific (Sydney): mypurecloud.com.au" },
        ],
      },
    ],
    endpoints: {
      authorizationUrl: "https://login.{region}/oauth/authorize",
      tokenUrl: "https://login.{region}/oauth/token",
      userinfoUrl: "https://api.{region}/api/v2/users/me",
    },
    scopes: [],
    grantType: "client_credentials",
    supportsDiscovery: false,
    note: "Genesys Cloud grants access by role, so client credentials connections usually need no scopes.",
  },
];
