/**
 * Responses that are not what OAuth expects at any endpoint: redirects, web pages, non-JSON or
 * non-standard JSON, responses openid-client refuses, and the last resort for anything else.
 * `endpoint` names what the stage talks to; `status` and `contentType` are the response's.
 */
import type { Catalogue } from "@/lib/diagnosis/diagnosis";
import { COMPARE_SETTINGS, FAILED_VALIDATION } from "@/lib/diagnosis/shared-wording";

type Answered = { endpoint: string; status: string };
type Page = Answered & { contentType: string };

const CHECK_NOT_A_PAGE = (facts: { endpoint: string }) =>
  `Check that the ${facts.endpoint} URL points at the provider's OAuth API, not a web page, and that nothing (a proxy, a firewall page) answers in its place.`;

export const RESPONSE_DIAGNOSES = {
  // Handshake never follows a provider's redirect (it could point at an internal address).
  unexpected_redirect: {
    code: "unexpected_redirect",
    title: "Redirect not followed",
    cause: (facts: Answered) =>
      `The ${facts.endpoint} answered ${facts.status} with a redirect. Handshake never follows redirects from a provider (they can point at internal addresses).`,
    fix: "Use the final URL directly on the connection (for example https:// instead of http://, or the path with or without the trailing slash).",
  },
  // Some servers serve an endpoint only under its trailing slash and redirect (or fail) without it.
  endpoint_needs_trailing_slash: {
    code: "endpoint_needs_trailing_slash",
    title: "Endpoint needs its trailing slash",
    // `requested` is set when a probe found it: the URL that failed, whose trailing-slash twin got a token.
    cause: (facts: Answered & { url: string; requested?: string }) =>
      facts.requested
        ? `The ${facts.endpoint} answered ${facts.status} at ${facts.requested}; the same request to ${facts.url} (with the trailing slash) got a token. The server serves the endpoint only under its trailing slash.`
        : `The ${facts.endpoint} answered ${facts.status} with a redirect to the same URL with a trailing slash, ${facts.url}. Handshake does not follow it: a redirected POST may lose its body and credentials.`,
    fix: (facts: { endpoint: string; url: string }) =>
      `Set the ${facts.endpoint} URL to ${facts.url} (with the trailing slash) and test again.`,
  },
  non_standard_error: {
    code: "non_standard_error",
    title: "Non-standard error response",
    cause: (facts: Answered & { providerError: string }) =>
      `The ${facts.endpoint} answered ${facts.status} with JSON that is not a standard OAuth error${facts.providerError ? ` (${facts.providerError})` : ""}.`,
    fix: "Check the request against the provider's documentation; the trace shows what was sent.",
  },
  endpoint_not_found: {
    code: "endpoint_not_found",
    title: "Endpoint not found",
    cause: (facts: { endpoint: string }) => `The ${facts.endpoint} answered 404 Not Found.`,
    fix: (facts: { endpoint: string }) => `Check the ${facts.endpoint} URL on the connection.`,
  },
  html_response: {
    code: "html_response",
    title: "HTML page instead of JSON",
    cause: (facts: Page) =>
      `The ${facts.endpoint} answered ${facts.status} with ${facts.contentType} instead of a JSON response (probably a login or error page). The body is not shown.`,
    fix: CHECK_NOT_A_PAGE,
  },
  non_json_response: {
    code: "non_json_response",
    title: "Response is not JSON",
    cause: (facts: Page) =>
      `The ${facts.endpoint} answered ${facts.status} with ${facts.contentType} instead of a JSON response. The body is not shown.`,
    fix: CHECK_NOT_A_PAGE,
  },
  invalid_json: {
    code: "invalid_json",
    title: "Response is not valid JSON",
    cause: (facts: { endpoint: string }) =>
      `The ${facts.endpoint} declared JSON but sent something that does not parse as JSON.`,
    fix: "Check the endpoint URL; a proxy or error page may be answering instead of the provider.",
  },
  insecure_url: {
    code: "insecure_url",
    title: "Plain http is not allowed",
    cause: (facts: { endpoint: string }) => `The ${facts.endpoint} URL is not https.`,
    fix: "Use the provider's https URL. Plain http is only for local test servers (OUTBOUND_ALLOW_HTTP=true).",
  },
  unsupported_response: {
    code: "unsupported_response",
    title: "Unsupported response",
    cause: (facts: { message: string }) =>
      `The provider answered with something Handshake does not support (${facts.message}), for example a token type other than Bearer or DPoP, or an unsupported signing algorithm.`,
    fix: "Check the provider's token settings for this client.",
  },
  invalid_response: {
    code: "invalid_response",
    title: "Invalid response",
    cause: FAILED_VALIDATION,
    fix: COMPARE_SETTINGS,
  },
  client_error: {
    code: "client_error",
    title: "The response failed validation",
    cause: (facts: { endpoint: string; message: string; errorCode: string }) =>
      `openid-client refused the ${facts.endpoint}'s response: ${facts.message}${facts.errorCode ? ` (${facts.errorCode})` : ""}.`,
    fix: COMPARE_SETTINGS,
  },
  unexpected_error: {
    code: "unexpected_error",
    title: "Unexpected error",
    cause: (facts: { error: string }) =>
      `The test stopped with an unexpected error${facts.error ? ` (${facts.error})` : ""}.`,
    fix: "Run the test again. If it keeps failing, check the server log for this time.",
  },
} satisfies Catalogue;
