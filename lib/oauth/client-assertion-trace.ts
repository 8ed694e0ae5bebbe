/**
 * What a trace shows of a client assertion (RFC 7523 §2.2, §3): its JOSE header and registered
 * claims, decoded without verifying, and which key signed it. Never the signature: with the
 * header and claims it would be a usable credential until `exp`. Nothing of a secret or a private
 * key is in an assertion's header or claims, and only whitelisted fields are copied out.
 */
import { decodeJwt, decodeProtectedHeader } from "jose";
import { safeText } from "@/lib/oauth/redact";

const SHOWN_HEADER = ["alg", "kid", "typ", "x5t#S256"] as const;
const SHOWN_CLAIMS = ["iss", "sub", "aud", "jti", "iat", "nbf", "exp"] as const;

export type ClientAssertionView = {
  header: Record<string, string>;
  claims: Record<string, string | number>;
  signed_with: string;
};

function epochLabel(value: unknown): string | number | undefined {
  if (typeof value !== "number" || !Number.isFinite(value)) return undefined;
  return `${value} (${new Date(value * 1000).toISOString()})`;
}

/** Which key signed the assertion, from its header: an HMAC over the client secret or the key with this kid. */
function describeSigner(header: Record<string, string>): string {
  const alg = header.alg ?? "no alg";
  if (alg.startsWith("HS")) return `the client secret (${alg}, client_secret_jwt)`;
  const kid = header.kid ? `kid ${header.kid}` : "no kid";
  const certificate = header["x5t#S256"] ? `, certificate thumbprint (x5t#S256) ${header["x5t#S256"]}` : "";
  return `the private key with ${kid} (${alg}${certificate})`;
}

/** The header, claims and signer of `assertion`, or undefined when it is not a JWT. */
export function describeClientAssertion(assertion: string): ClientAssertionView | undefined {
  let rawHeader: Record<string, unknown>;
  let rawClaims: Record<string, unknown>;
  try {
    rawHeader = decodeProtectedHeader(assertion);
    rawClaims = decodeJwt(assertion);
  } catch {
    return undefined;
  }
  const header: Record<string, string> = {};
  for (const name of SHOWN_HEADER) {
    const value = safeText(rawHeader[name], 200);
    if (value !== undefined) header[name] = value;
  }
  const claims: Record<string, string | number> = {};
  for (const name of SHOWN_CLAIMS) {
    const raw = rawClaims[name];
    const value =
      name === "iat" || name === "nbf" || name === "exp"
        ? epochLabel(raw)
        : safeText(Array.isArray(raw) ? raw.join(", ") : raw, 500);
    if (value !== undefined) claims[name] = value;
  }
  return { header, claims, signed_with: describeSigner(header) };
}

/** The client assertion a request body carries, described; undefined without one. */
export function clientAssertionOf(body: unknown): ClientAssertionView | undefined {
  const form =
    body instanceof URLSearchParams ? body : typeof body === "string" ? new URLSearchParams(body) : undefined;
  const assertion = form?.get("client_assertion");
  return assertion ? describeClientAssertion(assertion) : undefined;
}
