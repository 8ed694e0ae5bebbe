/** ID token: validating the ID token of an OpenID Connect response (OIDC Core §3.1.3.7). */
import type { Catalogue } from "@/lib/diagnosis/diagnosis";
import {
  COMPARE_SETTINGS,
  FAILED_VALIDATION,
  ISSUERS_MUST_MATCH,
  SET_ISSUER_OR_DISTRUST,
} from "@/lib/diagnosis/shared-wording";

export const ID_TOKEN_DIAGNOSES = {
  id_token_signature_invalid: {
    code: "id_token_signature_invalid",
    title: "ID token signature invalid",
    cause: "The ID token's signature does not verify against the provider's JWKS.",
    fix: "Check the JWKS URL belongs to the same provider as the issuer; if the provider rotated keys, test again.",
  },
  id_token_algorithm: {
    code: "id_token_algorithm",
    title: "Unexpected ID token algorithm",
    cause: "The ID token is signed with an algorithm the provider does not advertise or the client does not expect.",
    fix: "Check the provider's ID token signing algorithm for this client.",
  },
  id_token_key_not_found: {
    code: "id_token_key_not_found",
    title: "No key to verify the ID token",
    cause: "None of the keys in the provider's JWKS matches the ID token's key id and algorithm.",
    fix: "Check the JWKS URL; if the provider just rotated keys, test again in a few minutes.",
  },
  id_token_invalid: {
    code: "id_token_invalid",
    title: "ID token invalid",
    cause: FAILED_VALIDATION,
    fix: COMPARE_SETTINGS,
  },
  id_token_issuer_mismatch: {
    code: "issuer_mismatch",
    title: "Issuer mismatch",
    cause: `The ID token was issued by a different issuer than the connection's. ${ISSUERS_MUST_MATCH}`,
    fix: SET_ISSUER_OR_DISTRUST,
  },
  nonce_mismatch: {
    code: "nonce_mismatch",
    title: "ID token nonce mismatch",
    cause:
      "The ID token's nonce does not match the one Handshake sent: the token belongs to another authorization request (a replay or mix-up).",
    fix: "Test again from the start; do not reuse a callback URL.",
  },
  id_token_audience: {
    code: "id_token_audience",
    title: "ID token audience mismatch",
    cause: (facts: { claim: string; actual: string }) =>
      `The ID token was issued for another client (${facts.claim} = ${facts.actual}).`,
    fix: "Check the client ID on the connection matches the client at the provider.",
  },
  id_token_claim: {
    code: "id_token_claim",
    title: "ID token check failed",
    cause: (facts: { message: string }) => `${facts.message}.`,
    fix: "Compare the provider's ID token settings with the connection.",
  },
  clock_skew: {
    code: "clock_skew",
    title: "ID token time check failed",
    cause: (facts: { claim: string }) =>
      `The ID token's “${facts.claim}” claim is outside the accepted time window: the token is expired or not yet valid, usually because the provider's clock and this server's clock disagree.`,
    fix: "Check that this server's clock is synchronised (NTP). If the provider's clock is off, contact its operator.",
  },
} satisfies Catalogue;
