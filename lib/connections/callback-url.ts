import type { AppConfig } from "@/lib/config/env";

/** The one redirect URI every connection registers at its provider. */
export function callbackUrlFor(config: Pick<AppConfig, "appUrl">): string {
  return `${config.appUrl}/api/oauth/callback`;
}
