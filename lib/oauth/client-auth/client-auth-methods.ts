/**
 * The registry of client authentication methods: adding one is a file in this folder (its
 * definition, client-auth-method.ts) and one line in METHODS. Everything that depends on the
 * method (the wizard's choices, the request, the trace wording, the probes) reads it here.
 */
import type {
  ApplyClientAuth,
  ClientAuthMethodDefinition,
  ClientAuthSettings,
  ClientCredential,
  CredentialNeed,
  ProbeContext,
} from "@/lib/oauth/client-auth/client-auth-method";
import { CLIENT_SECRET_BASIC } from "@/lib/oauth/client-auth/client-secret-basic";
import { CLIENT_SECRET_POST } from "@/lib/oauth/client-auth/client-secret-post";
import { CLIENT_SECRET_JWT } from "@/lib/oauth/client-auth/client-secret-jwt";
import { PRIVATE_KEY_JWT } from "@/lib/oauth/client-auth/private-key-jwt";
import { NO_CLIENT_AUTH } from "@/lib/oauth/client-auth/none";
import { TLS_CLIENT_AUTH } from "@/lib/oauth/client-auth/tls-client-auth";
import { SELF_SIGNED_TLS_CLIENT_AUTH } from "@/lib/oauth/client-auth/self-signed-tls-client-auth";

const METHODS = {
  client_secret_basic: CLIENT_SECRET_BASIC,
  client_secret_post: CLIENT_SECRET_POST,
  client_secret_jwt: CLIENT_SECRET_JWT,
  private_key_jwt: PRIVATE_KEY_JWT,
  tls_client_auth: TLS_CLIENT_AUTH,
  self_signed_tls_client_auth: SELF_SIGNED_TLS_CLIENT_AUTH,
  none: NO_CLIENT_AUTH,
};

export type ClientAuthMethod = keyof typeof METHODS;

type ChoiceOf<Definition> = Definition extends ClientAuthMethodDefinition<infer Choice> ? Choice : never;

/** One connection's client authentication: the method and its own settings (e.g. the Basic encoding). */
export type ClientAuthChoice = { [M in ClientAuthMethod]: ChoiceOf<(typeof METHODS)[M]> }[ClientAuthMethod];

/** In the order the wizard offers them; the first is the default. */
export const CLIENT_AUTH_METHODS = Object.keys(METHODS) as [ClientAuthMethod, ...ClientAuthMethod[]];

export function isClientAuthMethod(value: string): value is ClientAuthMethod {
  return Object.hasOwn(METHODS, value);
}

function definitionOf(method: ClientAuthMethod): ClientAuthMethodDefinition<ClientAuthChoice> {
  return METHODS[method] as unknown as ClientAuthMethodDefinition<ClientAuthChoice>;
}

export function clientAuthLabel(method: ClientAuthMethod): string {
  return METHODS[method].label;
}

export function credentialNeedOf(method: ClientAuthMethod): CredentialNeed {
  return METHODS[method].needs;
}

/** Whether a connection with this method needs a client secret (a key or nothing otherwise). */
export function needsClientSecret(method: string): boolean {
  return isClientAuthMethod(method) && credentialNeedOf(method) === "secret";
}

/** The choice a connection's stored method and settings make. */
export function clientAuthChoiceOf(method: ClientAuthMethod, stored: ClientAuthSettings): ClientAuthChoice {
  return definitionOf(method).choiceOf(stored);
}

export function applyClientAuth(choice: ClientAuthChoice, credential: ClientCredential): ApplyClientAuth {
  return definitionOf(choice.method).apply(choice, credential);
}

/** Words for the trace and the diagnosis. */
export function describeClientAuth(choice: ClientAuthChoice): string {
  return definitionOf(choice.method).describe(choice);
}

/** Whether a request carries a client credential of any method (RFC 6749 §2.3). */
export function carriesClientCredential(headers: Headers, form: URLSearchParams | null): boolean {
  return CLIENT_AUTH_METHODS.some((method) => definitionOf(method).carriesCredential(headers, form));
}

/** The client authentications the differential probes try instead of this one, in order. */
export function probeAlternatives(choice: ClientAuthChoice, context: ProbeContext): ClientAuthChoice[] {
  return definitionOf(choice.method)
    .probeAlternatives(choice, context)
    .filter((probe): probe is ClientAuthChoice => isClientAuthMethod(probe.method));
}

export function switchReason(method: ClientAuthMethod): string {
  return METHODS[method].switchReason;
}
