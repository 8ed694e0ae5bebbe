/** Console paths of test results, shared by actions, the callback route and components. */

/** What starting a test tells the browser. */
export type StartedTest = {
  /** Where the browser goes next: the provider's authorization URL, or the result page. */
  redirectTo: string;
  testRunId: string;
  /** True when redirectTo is the provider (open it in a popup); false for a finished result. */
  opensProvider: boolean;
};

export function testResultPath(connectionId: string, testRunId: string): string {
  return `/connections/${encodeURIComponent(connectionId)}/tests/${encodeURIComponent(testRunId)}`;
}

export function connectionTestsPath(connectionId: string): string {
  return `/connections/${encodeURIComponent(connectionId)}/tests`;
}

export const AUTHORIZATION_REFUSED_PATH = "/connections/authorization-refused";

/** A same-origin console path to a test result, as the popup reports it to its opener. */
export function isTestResultPath(path: unknown): path is string {
  return typeof path === "string" && /^\/connections\/[A-Za-z0-9_%-]+\/tests\/[A-Za-z0-9_%-]+$/.test(path);
}

/** The redacted trace of a test run as a JSON download. */
export function traceDownloadPath(connectionId: string, testRunId: string): string {
  return `/api/connections/${encodeURIComponent(connectionId)}/tests/${encodeURIComponent(testRunId)}/trace`;
}
