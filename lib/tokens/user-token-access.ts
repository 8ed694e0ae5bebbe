/**
 * Whether a key may read a named user's token on a Per-user connection: its per-user grant
 * (shared tokens only, chosen users, all users) and the user's account (a disabled user's sets
 * are suspended). A key limited to chosen users gets the same refusal for an unknown email as for
 * a user it may not read, so it learns nothing about who exists.
 */
import type { AuthenticatedApiKey } from "@/lib/api-keys/authenticate-api-key";
import type { TokenRequestRead } from "@/lib/tokens/read-token-request";
import { TokenApiProblem } from "@/lib/tokens/problem-response";

export function assertUserTokenReadable(
  key: AuthenticatedApiKey,
  read: Pick<TokenRequestRead, "userGranted" | "userDisabled">,
  user: string,
  connectionId: string,
): void {
  if (key.userAccess === "SHARED_ONLY") {
    throw new TokenApiProblem(
      "user-not-allowed",
      `The key “${key.name}” may read shared tokens only, not users' tokens on Per-user connections. An admin creates a key with per-user access.`,
    );
  }
  if (key.userAccess === "CHOSEN_USERS" && !read.userGranted) {
    throw new TokenApiProblem("user-not-allowed", `The key “${key.name}” may not read ${user}'s token.`);
  }
  if (read.userDisabled) {
    throw new TokenApiProblem(
      "user-suspended",
      `${user}'s account is disabled, so their tokens are suspended until an admin enables it again.`,
      { connectionId },
    );
  }
}
