/**
 * The token API's wire formats as zod schemas: the route validates its query with them and the
 * OpenAPI document (lib/tokens/openapi-document.ts) is generated from them, so the two cannot drift.
 */
import { z } from "zod";
import { problemTypeUri } from "@/lib/errors/problem-details";
import { pickProblemTypes } from "@/lib/errors/problem-types";

export const tokenQuerySchema = z.object({
  user: z.email("user must be the email address of a console user.").max(320).optional().meta({
    description:
      "Per-user connections: the email of the user whose token set to return. The key needs per-user access to that user (chosen users or all users); a disabled user's token is suspended. Not allowed for Shared connections.",
  }),
  min_valid_seconds: z.coerce
    .number("min_valid_seconds must be a whole number of seconds.")
    .int("min_valid_seconds must be a whole number of seconds.")
    .min(0, "min_valid_seconds cannot be negative.")
    .max(86_400, "min_valid_seconds can be at most 86400.")
    .optional()
    .meta({
      description:
        "The token must stay valid at least this long; a token closer to expiry is refreshed first, but not before half its lifetime has passed. A token valid for less is served with a Handshake-Warning.",
    }),
});

export const tokenResponseSchema = z
  .object({
    access_token: z.string().meta({ description: "The access token, for the provider's API." }),
    token_type: z.string().meta({
      description:
        "As the provider issued it, usually Bearer. DPoP (RFC 9449) when the token is bound to the connection's key: send it as Authorization: DPoP with a proof from the dpop-proof route.",
    }),
    expires_at: z.iso.datetime().nullable().meta({ description: "When the token expires (RFC 3339)." }),
    expires_in: z.number().int().nullable().meta({ description: "Seconds until expiry, at the time of the response." }),
    scope: z.string().nullable().meta({ description: "The scopes the provider granted, space-separated." }),
    connection_id: z.string(),
    connection_name: z.string(),
  })
  .meta({ description: "Never contains the refresh token, the ID token or the client secret." });

export const dpopProofRequestSchema = z
  .object({
    htm: z
      .string("htm must be the HTTP method of the request, e.g. GET.")
      .regex(/^[A-Za-z]{1,16}$/, "htm must be an HTTP method such as GET or POST.")
      .meta({ description: "The HTTP method of the request the proof is for." }),
    htu: z
      .string("htu must be the URL of the request.")
      .max(2048, "htu can be at most 2048 characters.")
      .meta({ description: "The request's URL: https (http only where the console's outbound policy allows it)." }),
    nonce: z
      .string()
      .max(1024, "nonce can be at most 1024 characters.")
      .optional()
      .meta({ description: "The server's DPoP-Nonce, when it demanded one (RFC 9449 §8, §9)." }),
  })
  .meta({ description: "The one request a DPoP proof is made for." });

export const dpopProofResponseSchema = z
  .object({
    proof: z.string().meta({
      description:
        "A DPoP proof JWT (typ dpop+jwt; htm, htu without query and fragment, iat, jti, ath of the current access token, nonce when given) for the DPoP header. Use it once.",
    }),
    jkt: z.string().meta({ description: "The JWK SHA-256 thumbprint of the connection's DPoP key (cnf.jkt)." }),
    htm: z.string(),
    htu: z.string(),
  })
  .meta({ description: "Never contains the private key, which stays in the console." });

export const PROBLEM_TYPES = pickProblemTypes([
  "invalid-api-key",
  "rate-limited",
  "missing-permission",
  "invalid-request",
  "connection-not-found",
  "user-not-allowed",
  "user-suspended",
  "connection-disabled",
  "no-token-set",
  "reauthorization-required",
  "token-request-refused",
  "provider-unavailable",
]);

export type ProblemType = keyof typeof PROBLEM_TYPES;

export const problemSchema = z
  .object({
    type: z.enum((Object.keys(PROBLEM_TYPES) as ProblemType[]).map(problemTypeUri) as [string, ...string[]]),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    connection_id: z.string().optional(),
    authorize_url: z
      .url()
      .optional()
      .meta({ description: "Where an admin authorizes (or reconnects) the connection." }),
    retry_after: z.number().int().optional().meta({ description: "Seconds, as in the Retry-After header." }),
  })
  .meta({ description: "RFC 9457 problem details, served as application/problem+json." });
