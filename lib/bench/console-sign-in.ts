/** What the HTTP benchmarks share to read console pages as a signed-in browser would. */

function cookiesFrom(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/** next-auth v4 credentials sign-in: CSRF token and cookie, then the credentials callback; answers the Cookie header. */
export async function signInToConsole(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesFrom(csrf);
  const callback = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = cookiesFrom(callback).find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in failed (HTTP ${callback.status})`);
  return [...jar, session].join("; ");
}
