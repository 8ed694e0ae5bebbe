/**
 * State that must be one per process: Next.js bundles route handlers, pages and the
 * instrumentation hook separately, each with its own copy of a module, so module-level maps
 * would be per bundle. Keyed on globalThis like the Prisma client (lib/db/prisma.ts).
 */
const registry = globalThis as unknown as { handshakeProcessState?: Map<string, unknown> };

export function processState<T>(name: string, create: () => T): T {
  registry.handshakeProcessState ??= new Map();
  if (!registry.handshakeProcessState.has(name)) registry.handshakeProcessState.set(name, create());
  return registry.handshakeProcessState.get(name) as T;
}
