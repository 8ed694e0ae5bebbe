/** Selectors and bot calls for the DPoP story (RFC 9449): the switch, the key card, the binding, the proof route. */
import type { Page } from "@playwright/test";
import { E2E } from "../support/env";

export const dpop = {
  /** The Tokens step's switch. */
  toggle: (page: Page) => page.getByRole("switch", { name: "Sender-constrained tokens (DPoP)" }),
  /** The Tokens step's test option that reads an opaque token's binding from introspection. */
  introspectionToggle: (page: Page) => page.getByRole("switch", { name: "Introspect the token" }),
  keyCard: (page: Page) => page.getByRole("region", { name: "DPoP key" }),
  /** The key card's thumbprint value. */
  thumbprint: (page: Page) =>
    page.getByTestId("dpop-key").locator("div").filter({ hasText: "Thumbprint (jkt)" }).getByRole("definition"),
  proofCurl: (page: Page) => page.getByTestId("dpop-proof-curl"),
};

const apiUrl = (connectionId: string, path: string) => `${E2E.appUrl}/api/v1/connections/${connectionId}/${path}`;

/** What a bot does: read the token from the token API, as the integrator's code would. */
export async function botReadsToken(
  key: string,
  connectionId: string,
): Promise<{ status: number; text: string; body: { access_token: string; token_type: string } }> {
  const response = await fetch(apiUrl(connectionId, "token"), { headers: { authorization: `Bearer ${key}` } });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as { access_token: string; token_type: string } };
}

/** Asks the console for a proof for one request. */
export async function botAsksProof(
  key: string,
  connectionId: string,
  request: { htm: string; htu: string; nonce?: string },
): Promise<{ status: number; text: string; proof: string }> {
  const response = await fetch(apiUrl(connectionId, "dpop-proof"), {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(request),
  });
  const text = await response.text();
  return { status: response.status, text, proof: response.ok ? (JSON.parse(text) as { proof: string }).proof : "" };
}

/** Calls the provider's API with the bound token and the proof (Authorization: DPoP, RFC 9449 §7.1). */
export async function botCallsApi(url: string, accessToken: string, proof: string): Promise<Response> {
  return fetch(url, { headers: { authorization: `DPoP ${accessToken}`, dpop: proof } });
}
