/**
 * DPoP (RFC 9449): a proof the server refused, a nonce it still demanded after the one retry, a
 * bound token sent as a Bearer token, and a provider that does not bind tokens at all.
 */
import type { Catalogue } from "@/lib/diagnosis/diagnosis";
import type { Said } from "@/lib/diagnosis/shared-wording";

export const DPOP_DIAGNOSES = {
  invalid_dpop_proof: {
    code: "invalid_dpop_proof",
    title: "The provider refused the DPoP proof",
    cause: (facts: Said) =>
      `The server did not accept the DPoP proof (RFC 9449 §4.3): its iat is outside the server's window (the console's clock and the provider's differ), or the proof's algorithm is not one the server allows (see its dpop_signing_alg_values_supported).${facts.said}`,
    fix: "Check that the console's clock is synchronised (NTP). If the algorithm is the problem, turn DPoP off and on again after re-running discovery so a key of an algorithm the provider lists is generated.",
  },
  use_dpop_nonce: {
    code: "use_dpop_nonce",
    title: "The provider kept demanding a DPoP nonce",
    cause: (facts: Said) =>
      `The server asked for a DPoP nonce (RFC 9449 §8), the request was retried once with the nonce it sent, and it demanded a nonce again: it issues a new nonce per request or does not accept its own.${facts.said}`,
    fix: "Run the test again; if it keeps failing, ask the provider why its DPoP nonce is refused right after it was issued (a nonce bound to another server instance or an early draft of DPoP).",
  },
  dpop_token_sent_as_bearer: {
    code: "dpop_token_sent_as_bearer",
    title: "The API wants a DPoP-bound token with a proof",
    cause: (facts: { url: string; challenge: string }) =>
      `${facts.url} answered 401 with a DPoP challenge (WWW-Authenticate: ${facts.challenge}): the token is bound to a key (RFC 9449 §7.1) but was sent as a Bearer token without a proof.`,
    fix: "Turn on “Sender-constrained tokens (DPoP)” on the connection. Bots send the token as “Authorization: DPoP …” with a proof from the token API's dpop-proof route.",
  },
  dpop_not_supported: {
    code: "dpop_not_supported",
    title: "The provider did not bind the token to the DPoP key",
    cause: (facts: { tokenType: string; advertised: string }) =>
      `DPoP is on, but the token endpoint issued a token of type “${facts.tokenType}”, not DPoP (RFC 9449 §5). ${facts.advertised}`,
    fix: "Turn off “Sender-constrained tokens (DPoP)” for this provider, or enable DPoP for the client at the provider.",
  },
  dpop_binding_mismatch: {
    code: "dpop_binding_mismatch",
    title: "The token is bound to another key",
    cause: (facts: { tokenJkt: string; jkt: string }) =>
      `The access token's cnf.jkt is ${facts.tokenJkt}, not the thumbprint of the connection's DPoP key (${facts.jkt}) (RFC 9449 §6.1).`,
    fix: "Run the test again; if it persists, the provider binds tokens to a key it should not: report it to the provider.",
  },
} satisfies Catalogue;
