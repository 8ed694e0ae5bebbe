/**
 * Tells code running inside a transaction how that transaction ended. The audit head mark needs
 * it: the mark is written before COMMIT (so it is never behind a committed event) and confirmed or
 * withdrawn once the outcome is known, and only this process knows whether a COMMIT happened;
 * the database, which the mark guards against, cannot be asked afterwards.
 *
 * Every transaction of the app goes through `prisma.$transaction` (lib/db/prisma.ts) or
 * `runRawTransaction` (lib/db/raw-sql.ts), and both run their body in a scope from here.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export type OutcomeListener = (committed: boolean) => void;

// One store per process, like the Prisma client (lib/db/prisma.ts): the route-handler, page and
// instrumentation bundles each hold their own copy of this module, and a transaction opened through
// one copy's client must be visible to an audit append compiled into another.
const globalForOutcome = globalThis as unknown as {
  handshakeTransactionOutcome?: AsyncLocalStorage<OutcomeListener[]>;
};
const scopes = (globalForOutcome.handshakeTransactionOutcome ??= new AsyncLocalStorage<OutcomeListener[]>());

/** Runs one transaction (`run` resolves after its COMMIT, rejects after its rollback), then tells the listeners it registered. */
export async function runReportingOutcome<T>(run: () => Promise<T>): Promise<T> {
  const listeners: OutcomeListener[] = [];
  let committed = false;
  try {
    const result = await scopes.run(listeners, run);
    committed = true;
    return result;
  } finally {
    for (const listener of listeners) listener(committed);
  }
}

/** Registers `listener` for the outcome of the transaction the caller runs in; false when it runs in none. */
export function onTransactionOutcome(listener: OutcomeListener): boolean {
  const listeners = scopes.getStore();
  if (!listeners) return false;
  listeners.push(listener);
  return true;
}
