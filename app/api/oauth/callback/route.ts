// GET /api/oauth/callback - the provider's redirect after sign-in and consent (the registered
// redirect URI). Finishes the pending test or account connection, then 303s to a clean page so
// the code never stays in the address bar, the history or a Referer.
import type { NextRequest } from "next/server";
import { getConfig } from "@/lib/config/env";
import { AuthorizationError, auditActorFor, requireUser } from "@/lib/auth/session";
import { completeAuthorization } from "@/lib/connection-tests/complete-authorization";
import { CALLBACK_PATH } from "@/lib/connections/connection-settings";
import { AUTHORIZATION_REFUSED_PATH, testResultPath } from "@/lib/connection-tests/test-paths";

export const dynamic = "force-dynamic";

function seeOther(path: string): Response {
  return new Response(null, {
    status: 303,
    headers: {
      Location: `${getConfig().appUrl}${path}`,
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
    },
  });
}

export async function GET(request: NextRequest): Promise<Response> {
  let user;
  try {
    user = await requireUser("ADMIN");
  } catch (error) {
    if (error instanceof AuthorizationError)
      return seeOther(`${AUTHORIZATION_REFUSED_PATH}?reason=${error.status === 401 ? "signed_out" : "forbidden"}`);
    throw error;
  }

  // The redirect URI must match the one sent byte for byte; behind a proxy request.url may carry
  // an internal host, so the URL is rebuilt from APP_URL (RFC 6749 §4.1.3).
  const callbackUrl = new URL(`${getConfig().appUrl}${CALLBACK_PATH}${request.nextUrl.search}`);
  let outcome;
  try {
    outcome = await completeAuthorization({
      callbackUrl,
      user: { id: user.id, email: user.email },
      actor: await auditActorFor(user),
    });
  } catch (error) {
    // Only the error's name: messages and URLs here could carry the code.
    console.error("[handshake] OAuth callback failed:", error instanceof Error ? error.name : "unknown error");
    return seeOther(`${AUTHORIZATION_REFUSED_PATH}?reason=internal_error`);
  }

  if (outcome.kind === "result") return seeOther(testResultPath(outcome.connectionId, outcome.testRunId));
  const query = new URLSearchParams({ reason: outcome.reason });
  if (outcome.connectionId && outcome.testRunId) {
    query.set("connectionId", outcome.connectionId);
    query.set("testRunId", outcome.testRunId);
  }
  return seeOther(`${AUTHORIZATION_REFUSED_PATH}?${query}`);
}
