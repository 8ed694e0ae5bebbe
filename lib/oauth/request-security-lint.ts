/**
 * The discovery lint's part about request security: when the provider requires pushed
 * authorization requests (RFC 9126 §5) or offers them while PAR is Off, and when it requires signed
 * request objects (RFC 9101 §10.5), compared with the connection's PAR mode and JAR setting; and
 * DPoP (RFC 9449 §5.1) switched on at a provider that does not say it supports it.
 */
import type { DiscoverySummary } from "@/lib/oauth/discovery-summary";

// The shape of discovery-lint.ts's LintWarning, which imports this file.
type LintWarning = { code: string; field: string; message: string };

type RequestSecuritySettings = { parMode?: string; useJar?: boolean; clientAuthMethod: string };

export function lintRequestSecurity(connection: RequestSecuritySettings, metadata: DiscoverySummary): LintWarning[] {
  const warnings: LintWarning[] = [];
  const parEndpoint = metadata.pushed_authorization_request_endpoint;
  if (metadata.require_pushed_authorization_requests) {
    warnings.push({
      code: "par_required",
      field: "parMode",
      message:
        connection.parMode === "OFF"
          ? "The provider requires pushed authorization requests (require_pushed_authorization_requests), and PAR is Off: it will refuse the sign-in. Set PAR to “When the provider requires it”."
          : "The provider requires pushed authorization requests (require_pushed_authorization_requests): Handshake pushes each authorization request to its PAR endpoint.",
    });
  } else if (parEndpoint && connection.parMode === "OFF") {
    // With the default (When required) or Always there is nothing to change; Off turns an offer down.
    warnings.push({
      code: "par_offered",
      field: "parMode",
      message: `The provider offers pushed authorization requests (PAR endpoint ${parEndpoint}) and PAR is Off. With PAR the parameters stay between Handshake and the provider and the browser carries only a request_uri; choose “Always” to use it, or “When the provider requires it”.`,
    });
  }
  if (metadata.require_signed_request_object) {
    const noKey = connection.clientAuthMethod !== "private_key_jwt";
    warnings.push({
      code: "jar_required",
      field: "useJar",
      message: `The provider requires signed request objects (require_signed_request_object): Handshake signs each authorization request (JAR) with the connection's private_key_jwt key${noKey ? ", which this connection does not have yet: choose private_key_jwt and generate or import its key" : ""}.`,
    });
  }
  return warnings;
}

export function lintDpop(connection: { useDpop?: boolean }, metadata: DiscoverySummary): LintWarning[] {
  if (!connection.useDpop || metadata.dpop_signing_alg_values_supported?.length) return [];
  return [
    {
      code: "dpop_not_advertised",
      field: "useDpop",
      message:
        "DPoP is on, but the provider's metadata has no dpop_signing_alg_values_supported: it may not support DPoP and issue plain Bearer tokens (the test says so), or refuse the DPoP header. Handshake signs its proofs with ES256. Turn DPoP off unless the provider's documentation says it binds tokens to DPoP keys.",
    },
  ];
}
