import "server-only";
import type { z } from "zod";
import { revalidatePath } from "next/cache";
import { auditActorFor, type SessionUser } from "@/lib/auth/session";
import { ok, parseInput, type ActionResult } from "@/lib/actions/action-result";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { recordIdSchema } from "@/lib/schemas/record-id";

/** What an action says when the browser sent an id that names no connection. */
export const UNKNOWN_CONNECTION = "This connection could not be found. Reload the page.";

/** What an action says when the browser sent a request its schema refuses (a stale or tampered page). */
export const UNREADABLE_REQUEST = "This request could not be read. Reload the page and try again.";

/** After a change: the connection list, and the connection's own page when there is one. */
export function refreshConnectionPages(connectionId?: string): void {
  revalidatePath("/connections");
  if (connectionId) revalidatePath(`/connections/${connectionId}`);
}

/** How one credential (client certificate, client key, next key) is checked, stored and announced. */
export type CredentialStore<S extends z.ZodType, T> = {
  schema: S;
  store: (actor: AuditActor, request: { connectionId: string; input: z.output<S> }) => Promise<T>;
  message: (stored: T, input: z.output<S>) => string;
};

/**
 * The body of a server action storing a credential on a connection, run inside its own
 * `runAction("ADMIN", …)`: parses the id and the form, stores it as the user, refreshes the page.
 */
export async function storeConnectionCredential<S extends z.ZodType, T>(
  user: SessionUser,
  connectionId: string,
  values: unknown,
  { schema, store, message }: CredentialStore<S, T>,
): Promise<ActionResult<T>> {
  const id = parseInput(recordIdSchema, connectionId, UNKNOWN_CONNECTION);
  const input = parseInput(schema, values);
  const stored = await store(await auditActorFor(user), { connectionId: id, input });
  revalidatePath(`/connections/${id}`);
  return ok(stored, message(stored, input));
}
