/**
 * What every client authentication method provides (RFC 6749 §2.3, OIDC Core §9): one file per
 * method in this folder, each registered by one line in client-auth-methods.ts. Free of
 * openid-client and server-only code, so the wizard can read the same definitions.
 */

import type { ClientCertificate } from "@/lib/net/guarded-fetch";

/** What an admin has to provide for the method; the wizard groups the methods by it. */
export type CredentialNeed = "secret" | "key" | "certificate" | "nothing";

export const CREDENTIAL_NEED_LABELS: Record<CredentialNeed, string> = {
  secret: "With a client secret",
  key: "With a key",
  certificate: "With a certificate",
  nothing: "Nothing (public client)",
};

/**
 * An opened private key a client signs its assertions with (private_key_jwt): the private JWK
 * (RFC 7517), its kid and JWS algorithm, and the certificate's SHA-256 thumbprint when one was given.
 */
export type ClientSigningKey = { privateJwk: JsonWebKey; kid: string; alg: string; x5tS256?: string };

/**
 * The opened credential a request is authenticated with (decrypted only by lib/connections), and
 * whether the issuer is known (an assertion's default audience, RFC 7523 §3). A client certificate
 * (mutual TLS, RFC 8705) is presented on every request of the protocol client.
 */
export type ClientCredential = {
  secret?: string;
  signingKey?: ClientSigningKey;
  issuerKnown?: boolean;
  certificate?: ClientCertificate;
};

/** The connection's settings a method reads for its choice. */
export type ClientAuthSettings = { basicAuthEncoding: string; clientAssertionAudience: string };

/**
 * Authenticates one request to the token, introspection, revocation or PAR endpoint; the shape of
 * openid-client's ClientAuth, so lib/oauth/client-config.ts hands it over as it is.
 */
export type ApplyClientAuth = (
  as: { issuer: string; token_endpoint?: string },
  client: { client_id: string },
  body: URLSearchParams,
  headers: Headers,
) => void | Promise<void>;

/** A client authentication the differential probes may try instead (checked by the registry). */
export type ProbeChoice = { method: string; encoding?: "form" | "plain"; audience?: "issuer" | "token_endpoint" };

/** What the probes know of the request: whether the other Basic encoding or assertion audience is another request. */
export type ProbeContext = { encodingsDiffer: boolean; audiencesDiffer?: boolean; allows: (method: string) => boolean };

export type ClientAuthMethodDefinition<Choice extends { method: string }> = {
  method: Choice["method"];
  /** The wizard's words for the choice. */
  label: string;
  needs: CredentialNeed;
  /** The choice a connection's stored settings make. */
  choiceOf(stored: ClientAuthSettings): Choice;
  apply(choice: Choice, credential: ClientCredential): ApplyClientAuth;
  /** Words for the trace and the diagnosis. */
  describe(choice: Choice): string;
  /** Whether a request carries this method's credential: such a request goes only to the secret's origin. */
  carriesCredential(headers: Headers, form: URLSearchParams | null): boolean;
  /** What the differential probes try, in order, when the provider refuses this choice. */
  probeAlternatives(choice: Choice, context: ProbeContext): ProbeChoice[];
  /** Why a refused request worked after switching to this method (the probes' diagnosis). */
  switchReason: string;
};

/** A method without settings of its own: its choice is the method alone. */
export type PlainChoice<M extends string> = { method: M };

/**
 * A method without settings: the choice is the method alone, and unless it says otherwise no
 * request carries its credential and the probes have nothing else to try.
 */
export function definePlainMethod<M extends string>(
  definition: Omit<ClientAuthMethodDefinition<PlainChoice<M>>, "choiceOf" | "carriesCredential" | "probeAlternatives"> &
    Partial<Pick<ClientAuthMethodDefinition<PlainChoice<M>>, "carriesCredential" | "probeAlternatives">>,
): ClientAuthMethodDefinition<PlainChoice<M>> {
  return {
    choiceOf: () => ({ method: definition.method }),
    carriesCredential: () => false,
    probeAlternatives: () => [],
    ...definition,
  };
}

/**
 * A mutual-TLS method (RFC 8705 §2): the body carries only client_id, the guarded fetch presents
 * the certificate; no request carries a credential that could be replayed, and every other method
 * needs a secret or a key the connection does not have.
 */
export function defineCertificateMethod<M extends string>(
  definition: Pick<ClientAuthMethodDefinition<PlainChoice<M>>, "method" | "label" | "describe" | "switchReason">,
): ClientAuthMethodDefinition<PlainChoice<M>> {
  return definePlainMethod({
    ...definition,
    needs: "certificate",
    apply: (_choice, credential) => (_as, client, body) => {
      if (!credential.certificate) throw new Error(`${definition.method} needs the connection's client certificate.`);
      body.set("client_id", client.client_id);
    },
  });
}
