/**
 * DPoP on a protocol client (RFC 9449): the handle openid-client signs token, refresh and userinfo
 * proofs with, and a fetch wrapper that shows each proof's header and claims (never the signature)
 * in the trace and notes the one retry openid-client makes when a server demands a nonce (§8, §9).
 */
import * as oc from "openid-client";
import type { GuardedFetch } from "@/lib/net/guarded-fetch";
import type { ClientProfile } from "@/lib/oauth/client-profile";
import { describeDpopProof, dpopKeyPairOf, dpopThumbprintOf, type DpopKey } from "@/lib/oauth/dpop";
import type { TraceRecorder } from "@/lib/oauth/trace";

export type DpopSetup = {
  key: DpopKey;
  /** The key's JWK SHA-256 thumbprint, what a bound token's cnf.jkt must equal (RFC 9449 §6.1). */
  jkt: string;
  handleFor(configuration: oc.Configuration): oc.DPoPHandle;
  traced(fetch: GuardedFetch): GuardedFetch;
};

export async function dpopSetupOf(profile: ClientProfile, trace: TraceRecorder): Promise<DpopSetup | undefined> {
  const key = profile.requestOptions.dpopKey;
  if (!key) return undefined;
  const keyPair = await dpopKeyPairOf(key);
  const jkt = dpopThumbprintOf(key.publicJwk);
  trace.record("configuration", "DPoP key (sender-constrained tokens, RFC 9449)", "ok", { alg: key.alg, jkt });
  return {
    key,
    jkt,
    handleFor: (configuration) => oc.getDPoPHandle(configuration, keyPair),
    traced: (fetch) => traceDpopProofs(fetch, trace),
  };
}

/** Notes every proof sent and a nonce demand (a 400 or 401 carrying DPoP-Nonce) on the current step. */
export function traceDpopProofs(fetch: GuardedFetch, trace: TraceRecorder): GuardedFetch {
  return async (url, init) => {
    const proof = new Headers(init?.headers).get("dpop");
    if (proof) trace.noteOnCurrentStep(dpopProofNote(proof));
    const response = await fetch(url, init);
    if (proof && (response.status === 400 || response.status === 401) && response.headers.has("dpop-nonce"))
      trace.noteOnCurrentStep(DPOP_NONCE_RETRY_NOTE);
    return response;
  };
}

export const DPOP_NONCE_RETRY_NOTE =
  "The server demanded a DPoP nonce (use_dpop_nonce, RFC 9449 §8): the request is retried once with the nonce it sent.";

/** A proof as the trace shows it: header and claims, never the signature. */
export function dpopProofNote(proof: string): string {
  const { header, claims } = describeDpopProof(proof);
  return `DPoP proof${claims.nonce ? " (with the server's nonce)" : ""}: header ${JSON.stringify(header)}, claims ${JSON.stringify(claims)}.`;
}
