/**
 * The wizard's "Save and test connection" asks the detail page to start a test through a one-time
 * marker in sessionStorage, not through the URL: sessionStorage belongs to this origin and tab, so
 * a link from another site cannot make a signed-in admin run a test (which sends the client secret
 * and replaces the shared token set).
 */
const MARKER_KEY = "handshake:auto-test";

export function requestAutoTest(connectionId: string): void {
  window.sessionStorage.setItem(MARKER_KEY, connectionId);
}

/** True once for the connection the wizard marked; the marker is removed on read. */
export function takeAutoTestRequest(connectionId: string): boolean {
  const marked = window.sessionStorage.getItem(MARKER_KEY);
  if (marked === null) return false;
  window.sessionStorage.removeItem(MARKER_KEY);
  return marked === connectionId;
}
