import { ConnectionSummary } from "@/components/connections/connection-summary";
import { LintWarnings } from "@/components/connections/lint-warnings";
import { AddScopeButton } from "@/components/connections/detail/add-scope-button";
import { DetailSection } from "@/components/connections/detail/detail-section";
import { getConfig } from "@/lib/config/env";
import { callbackUrlFor } from "@/lib/connections/callback-url";
import type { ConnectionView } from "@/lib/connections/connection-record";
import { lintConnection, lintedConnectionFrom } from "@/lib/oauth/discovery-lint";

/** The connection's settings as saved, with what the provider's metadata says about them. */
export function ConfigurationSection({ connection, canFix }: { connection: ConnectionView; canFix: boolean }) {
  const warnings = lintConnection(lintedConnectionFrom(connection), connection.discoveryMetadata);
  return (
    <DetailSection id="configuration" title="Configuration">
      <LintWarnings
        warnings={warnings}
        fixFor={
          canFix && connection.status === "ACTIVE"
            ? (w) =>
                w.addScope ? (
                  <AddScopeButton connectionId={connection.id} version={connection.version} scope={w.addScope} />
                ) : null
            : undefined
        }
      />
      <ConnectionSummary data={connection} callbackUrl={callbackUrlFor(getConfig())} />
    </DetailSection>
  );
}
