/**
 * Whether a token obtained with DPoP is bound to the connection's key (RFC 9449 §5, §6.1):
 * token_type DPoP, and cnf.jkt equal to the key's thumbprint where a JWT access token shows it.
 * A provider that issued a plain Bearer token is diagnosed: the connection asked for a bound one.
 */
import type { ProviderMetadata } from "@/lib/oauth/protocol-types";
import type { DpopSetup } from "@/lib/oauth/dpop-client";
import type { TestResultSummary } from "@/lib/connection-tests/test-result";
import { DiagnosedError, diagnosisFrom } from "@/lib/diagnosis/diagnosis";
import { DPOP_DIAGNOSES } from "@/lib/diagnosis/dpop";
import { storedTokenType } from "@/lib/tokens/dpop-binding";

export function checkDpopBinding(
  dpop: DpopSetup,
  metadata: ProviderMetadata,
  tokens: { accessToken: string; tokenType: string },
  result: TestResultSummary,
): void {
  const tokenJkt = cnfJktOf(tokens.accessToken);
  const bound = tokens.tokenType.toLowerCase() === "dpop";
  result.dpopBinding = {
    jkt: dpop.jkt,
    alg: dpop.key.alg,
    tokenType: storedTokenType(tokens.tokenType),
    ...(tokenJkt ? { tokenJkt, shownBy: "token" as const } : {}),
    matches: bound && (tokenJkt === undefined || tokenJkt === dpop.jkt),
  };
  if (!bound) {
    const listed = metadata.dpop_signing_alg_values_supported;
    throw new DiagnosedError(
      diagnosisFrom(DPOP_DIAGNOSES.dpop_not_supported, {
        tokenType: tokens.tokenType,
        advertised: Array.isArray(listed)
          ? `The provider's metadata lists DPoP algorithms (${listed.join(", ")}), but does not bind this client's tokens.`
          : "The provider's metadata has no dpop_signing_alg_values_supported: it does not support DPoP.",
      }),
    );
  }
  if (tokenJkt && tokenJkt !== dpop.jkt)
    throw new DiagnosedError(diagnosisFrom(DPOP_DIAGNOSES.dpop_binding_mismatch, { tokenJkt, jkt: dpop.jkt }));
}

/**
 * An opaque token's binding shows in the introspection response's cnf.jkt (RFC 9449 §6.2): compared
 * like a JWT's, a different key is diagnosed.
 */
export function confirmDpopBindingByIntrospection(result: TestResultSummary): void {
  const binding = result.dpopBinding;
  const introspectedJkt = result.introspection?.cnfJkt;
  if (!binding || binding.tokenJkt || !introspectedJkt) return;
  binding.tokenJkt = introspectedJkt;
  binding.shownBy = "introspection";
  binding.matches = binding.matches && introspectedJkt === binding.jkt;
  if (introspectedJkt !== binding.jkt)
    throw new DiagnosedError(
      diagnosisFrom(DPOP_DIAGNOSES.dpop_binding_mismatch, { tokenJkt: introspectedJkt, jkt: binding.jkt }),
    );
}

/** The JWT access token's cnf.jkt; an opaque token does not show one. */
export function cnfJktOf(accessToken: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(accessToken.split(".")[1] ?? "", "base64url").toString("utf8")) as {
      cnf?: Record<string, unknown>;
    };
    return typeof payload.cnf?.jkt === "string" ? payload.cnf.jkt : undefined;
  } catch {
    return undefined;
  }
}
