/**
 * Plays the user at oidc-provider's built-in login and consent pages without a browser: follows
 * redirects with a small cookie jar, posts the login and consent forms, and stops at the
 * redirect to the callback. Used by engine tests; the browser suite drives the same pages.
 */
export type LoginChoice = "consent" | "deny";

export async function driveProviderLogin(
  authorizationUrl: string,
  callbackUrl: string,
  options: { login?: string; choice?: LoginChoice } = {},
): Promise<URL> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const remember = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const index = pair.indexOf("=");
      if (index > 0) jar.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
    }
  };

  let next: { url: string; method: "GET" | "POST"; body?: URLSearchParams } = { url: authorizationUrl, method: "GET" };
  for (let hop = 0; hop < 20; hop++) {
    const response = await fetch(next.url, {
      method: next.method,
      body: next.body,
      redirect: "manual",
      headers: {
        cookie: cookieHeader(),
        ...(next.body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
    });
    remember(response);
    const location = response.headers.get("location");
    if (location) {
      const target = new URL(location, next.url);
      if (target.href.startsWith(callbackUrl)) return target;
      next = { url: target.href, method: "GET" };
      continue;
    }
    const page = await response.text();
    if (response.status !== 200)
      throw new Error(`provider answered ${response.status} at ${new URL(next.url).pathname}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (!action) throw new Error("no form on the provider's page");
    const formUrl = new URL(action.replace(/&amp;/g, "&"), next.url).href;
    if (page.includes('name="login"')) {
      next = {
        url: formUrl,
        method: "POST",
        body: new URLSearchParams({ prompt: "login", login: options.login ?? "alice", password: "any" }),
      };
    } else if (options.choice === "deny") {
      const cancel = /<a href="([^"]+)">\[ Cancel \]<\/a>/.exec(page)?.[1];
      if (!cancel) throw new Error("no cancel link on the consent page");
      next = { url: new URL(cancel.replace(/&amp;/g, "&"), next.url).href, method: "GET" };
    } else {
      next = { url: formUrl, method: "POST", body: new URLSearchParams({ prompt: "consent" }) };
    }
  }
  throw new Error("too many redirects at the provider");
}
