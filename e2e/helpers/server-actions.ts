import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { E2E } from "../support/env";

export type CapturedAction = { url: string; actionId: string; body: string };

/** Records the next server-action POST the page makes while `trigger` runs. */
export async function captureServerAction(page: Page, trigger: () => Promise<void>): Promise<CapturedAction> {
  const request = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await trigger();
  const r = await request;
  return { url: r.url(), actionId: r.headers()["next-action"]!, body: r.postData() ?? "[]" };
}

/** Calls a server action directly over HTTP, as a script would, without any UI. */
export async function callServerAction(
  request: APIRequestContext,
  action: CapturedAction,
  body = action.body,
): Promise<string> {
  const response = await request.post(action.url, {
    headers: {
      "next-action": action.actionId,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: E2E.appUrl,
    },
    data: body,
  });
  expect(response.status()).toBeLessThan(500);
  return response.text();
}
