/**
 * Whether the server process can see each client's address. Without lib/http/peer-address-preload.mjs
 * (someone ran `next start` directly) no request carries the peer address, every client would have
 * the same unknown address, and one address key would throttle them all: the server refuses to start.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";

/** Set on globalThis by the preload when it is loaded into the process. */
const PRELOAD_MARK = Symbol.for("handshake.peer-address-preload");

export const PEER_ADDRESS_MISSING_MESSAGE =
  "[handshake] the client's address is unavailable: lib/http/peer-address-preload.mjs is not loaded, so every client would share one " +
  "sign-in throttle and the audit trail would show no addresses. Start the console with `npm start` (or `npm run dev`), or run " +
  'the server with NODE_OPTIONS="--import ./lib/http/peer-address-preload.mjs".';

/** NODE_OPTIONS that load the preload into a Next.js server process (and any process it forks). */
export function nodeOptionsWithPeerAddress(existing = ""): string {
  const preload = pathToFileURL(path.join(process.cwd(), "lib", "http", "peer-address-preload.mjs")).href;
  return `${existing} --import ${JSON.stringify(preload)}`.trim();
}

/** At server start: exits in production when the preload is missing; says so loudly in development. */
export function assertPeerAddressAvailable(): void {
  if ((globalThis as Record<symbol, unknown>)[PRELOAD_MARK] === true) return;
  console.error(PEER_ADDRESS_MISSING_MESSAGE);
  if (process.env.NODE_ENV === "production") process.exit(1);
}
