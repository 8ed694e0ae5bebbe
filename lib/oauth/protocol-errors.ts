/**
 * The errors a protocol request throws, for lib/diagnosis and the refresh classifier: an OAuth error
 * response (RFC 6749 §5.2), a WWW-Authenticate challenge (RFC 6750 §3), an authorization response
 * error (RFC 6749 §4.1.2.1) and a response the client library could not use.
 */
export {
  AuthorizationResponseError,
  ClientError,
  ResponseBodyError,
  WWWAuthenticateChallengeError,
} from "openid-client";
