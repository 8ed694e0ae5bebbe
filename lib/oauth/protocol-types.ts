/** The protocol's shapes as lib/oauth hands them out, so no module outside it imports openid-client. */
import type * as oc from "openid-client";

/** Authorization server metadata (RFC 8414 §2), discovered or built from the endpoints entered. */
export type ProviderMetadata = oc.ServerMetadata;

/** A successful token response (RFC 6749 §5.1), with the validated ID token's claims when there is one. */
export type TokenResponse = oc.TokenEndpointResponse & oc.TokenEndpointResponseHelpers;

/** The token response fields the console reads. */
export type TokenResponseFields = oc.TokenEndpointResponse;

export type IntrospectionResponse = oc.IntrospectionResponse;

export type UserInfoResponse = oc.UserInfoResponse;
