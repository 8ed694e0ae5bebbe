/**
 * The one status a person reads for a connection, in the list and on the detail page. The last
 * test alone is not enough: a connection that passed its test an hour ago but whose stored token
 * has since expired cannot serve calls until it is refreshed or tested again. Client credentials
 * are the exception: an expired cached token is simply fetched again on the next request (RFC 6749
 * §4.4 needs no one to authorize), so it is no alarm.
 */
import { labelledChoices } from "@/lib/schemas/labelled-choices";

export const { values: DISPLAY_STATUSES, labels: DISPLAY_STATUS_LABELS } = labelledChoices({
  DRAFT: "Draft",
  HEALTHY: "Healthy",
  TOKEN_EXPIRED: "Token expired",
  FAILING: "Failing",
  NOT_TESTED: "Not tested",
});
export type DisplayStatus = (typeof DISPLAY_STATUSES)[number];

export type StatusInput = {
  status: string;
  health: string;
  grantType: string;
  /** Expiry of the connection's shared token set, when one is stored. */
  tokenExpiresAt: Date | string | null;
};

export function displayStatusOf(input: StatusInput, now = Date.now()): DisplayStatus {
  if (input.status === "DRAFT") return "DRAFT";
  if (input.health === "FAILING") return "FAILING";
  if (input.health !== "HEALTHY") return "NOT_TESTED";
  if (input.grantType === "client_credentials") return "HEALTHY";
  const expiresAt = input.tokenExpiresAt === null ? null : new Date(input.tokenExpiresAt).getTime();
  return expiresAt !== null && expiresAt <= now ? "TOKEN_EXPIRED" : "HEALTHY";
}
