/**
 * How a resource route answers: JSON, never cached (it may describe secrets' existence and
 * tokens' times), and the query parsed with the route's zod schema or refused as a problem.
 */
import type { z } from "zod";
import { NO_STORE } from "@/lib/http/no-store";
import { invalidQuery } from "@/lib/api/api-problem";

export function apiJson(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return Response.json(body, { status: init.status ?? 200, headers: { ...NO_STORE, ...init.headers } });
}

export function parseApiQuery<S extends z.ZodType>(schema: S, url: URL): z.output<S> {
  const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw invalidQuery(parsed.error);
  return parsed.data;
}
