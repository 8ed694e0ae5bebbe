/**
 * Loaded into the Next.js server process (NODE_OPTIONS=--import, see lib/cli/start.ts). Route
 * handlers and server components only see headers, and `next start` sets X-Forwarded-For only when
 * the client did not send one, so the TCP peer address is otherwise out of reach. This copies it
 * into a request header before any handler runs, overwriting whatever a client sent under that name.
 */
import diagnosticsChannel from "node:diagnostics_channel";

const PEER_ADDRESS_HEADER = "x-handshake-peer-address";

// Tells lib/http/peer-address-check.ts the preload runs in this process.
globalThis[Symbol.for("handshake.peer-address-preload")] = true;

diagnosticsChannel.subscribe("http.server.request.start", ({ request, socket }) => {
  const address = socket && socket.remoteAddress;
  if (address) request.headers[PEER_ADDRESS_HEADER] = address;
  else delete request.headers[PEER_ADDRESS_HEADER];
});
