/**
 * Stops a test's HTTP(S) server. `close()` alone waits for every connection with a request still
 * open (a provider's keep-alive fetch of a JWKS, a browser's), so an afterAll could wait for it
 * until the hook timed out: stop accepting, then drop what is left.
 */
import type http from "node:http";
import type https from "node:https";

export function closeHttpServer(server: http.Server | https.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
