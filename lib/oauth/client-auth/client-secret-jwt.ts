/**
 * client_secret_jwt (RFC 7523 §2.2, OIDC Core §9): instead of the secret, a short-lived JWT signed
 * with it (HS256 over the UTF-8 octets of the secret) goes in the body as client_assertion. Its
 * audience is the issuer by default, or the token endpoint URL where a provider wants that.
 */
import { SignJWT } from "jose";
import type { ClientAuthMethodDefinition, ClientCredential } from "@/lib/oauth/client-auth/client-auth-method";
import { labelledChoices } from "@/lib/schemas/labelled-choices";

/** RFC 7523 §2.2 */
export const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** Short enough that a captured assertion is soon useless, long enough for a slow clock (RFC 7523 §3 item 4). */
export const ASSERTION_LIFETIME_SECONDS = 60;

const ASSERTION_AUDIENCE_CHOICES = labelledChoices({
  issuer: "The issuer (default)",
  token_endpoint: "The token endpoint URL",
});
export const { values: ASSERTION_AUDIENCES, labels: ASSERTION_AUDIENCE_LABELS } = ASSERTION_AUDIENCE_CHOICES;
export type AssertionAudience = (typeof ASSERTION_AUDIENCES)[number];

/** The choice of a method that signs an assertion: the audience it names. */
export type AssertionChoice<M extends string> = { method: M; audience: AssertionAudience };

export type AssertionClaims = { iss: string; sub: string; aud: string; jti: string; iat: number; exp: number };

/** RFC 7523 §3: iss = sub = the client ID, the audience, a unique jti, and a short expiry. */
export function clientAssertionClaims(clientId: string, audience: string, now: Date = new Date()): AssertionClaims {
  const iat = Math.floor(now.getTime() / 1000);
  return {
    iss: clientId,
    sub: clientId,
    aud: audience,
    jti: globalThis.crypto.randomUUID(),
    iat,
    exp: iat + ASSERTION_LIFETIME_SECONDS,
  };
}

/** Which audience an assertion names: the token endpoint when asked, or when no issuer is known. */
export function assertionAudienceFor(
  choice: { audience: AssertionAudience },
  as: { issuer: string; token_endpoint?: string },
  issuerKnown: boolean,
): string {
  if (choice.audience === "token_endpoint" || !issuerKnown) return as.token_endpoint ?? as.issuer;
  return as.issuer;
}

/** The probes' alternative (RFC 7523 §3 item 3): the other audience form, when it is another URL. */
export function otherAudienceProbe<M extends string>(
  method: M,
  choice: { audience: AssertionAudience },
  audiencesDiffer: boolean | undefined,
): { method: M; audience: AssertionAudience }[] {
  return audiencesDiffer ? [{ method, audience: choice.audience === "issuer" ? "token_endpoint" : "issuer" }] : [];
}

export function signClientSecretAssertion(claims: AssertionClaims, secret: string): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .sign(new TextEncoder().encode(secret));
}

/**
 * A method that authenticates with a signed assertion in the body (RFC 7523 §2.2): the audience
 * is its setting, and the probes try only the other audience (the alternatives would send the
 * secret itself, which an assertion exists to avoid, or need a secret the connection does not have).
 */
export function defineAssertionMethod<M extends string>(
  definition: Pick<
    ClientAuthMethodDefinition<AssertionChoice<M>>,
    "method" | "label" | "needs" | "describe" | "switchReason"
  > & {
    sign(claims: AssertionClaims, credential: ClientCredential): Promise<string>;
  },
): ClientAuthMethodDefinition<AssertionChoice<M>> {
  const { method, sign, ...rest } = definition;
  return {
    ...rest,
    method,
    choiceOf: (stored) => ({
      method,
      audience: ASSERTION_AUDIENCE_CHOICES.includes(stored.clientAssertionAudience)
        ? stored.clientAssertionAudience
        : "issuer",
    }),
    apply: (choice, credential) => async (as, client, body) => {
      const audience = assertionAudienceFor(choice, as, credential.issuerKnown ?? false);
      const claims = clientAssertionClaims(client.client_id, audience);
      const assertion = await sign(claims, credential);
      body.set("client_id", client.client_id);
      body.set("client_assertion_type", CLIENT_ASSERTION_TYPE);
      body.set("client_assertion", assertion);
    },
    carriesCredential: (_headers, form) => form?.has("client_assertion") ?? false,
    probeAlternatives: (choice, { audiencesDiffer }) => otherAudienceProbe(method, choice, audiencesDiffer),
  };
}

export const CLIENT_SECRET_JWT = defineAssertionMethod({
  method: "client_secret_jwt",
  label: "client_secret_jwt: a JWT signed with the secret (RFC 7523)",
  needs: "secret",
  sign: (claims, credential) => signClientSecretAssertion(claims, credential.secret ?? ""),
  describe: (choice) =>
    `client_secret_jwt (HS256 assertion, audience: ${choice.audience === "issuer" ? "the issuer" : "the token endpoint URL"})`,
  switchReason: " The provider expects the client to prove the secret with a signed assertion (RFC 7523 §2.2).",
});
