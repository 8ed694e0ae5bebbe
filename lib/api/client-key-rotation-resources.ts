/**
 * private_key_jwt key rotation over the REST API (#21), the steps of the connection page's Key
 * rotation card (lib/connections/client-key-rotation.ts): prepare the next key (generated or
 * imported; the JWKS publishes it beside the current one), test with it (client credentials only:
 * a code flow's test needs the admin's browser for the provider's sign-in), switch once that test
 * passed, retire the old key before its grace ends, or discard the next key. Answers carry kids
 * and public keys only; every step is audited with the key as actor.
 */
import { z } from "zod";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import type { AuthenticatedApiKey } from "@/lib/api-keys/authenticate-api-key";
import { getConfig } from "@/lib/config/env";
import { ApplicationError } from "@/lib/errors/application-error";
import { ApiProblem } from "@/lib/api/api-problem";
import { findVisibleConnection } from "@/lib/api/connection-resources";
import { fieldErrors, readJsonBody } from "@/lib/api/connection-write-resources";
import { runConnectionTestForApi } from "@/lib/api/test-resources";
import type { testRunSchema } from "@/lib/api/resource-schemas";
import { clientKeySchema } from "@/lib/schemas/client-key";
import { RETIRE_GRACE_CHOICES } from "@/lib/schemas/client-key-rotation";
import { clientPublicKeyOf } from "@/lib/connections/connection-client-key";
import { findConnection } from "@/lib/connections/find-connections";
import {
  clientKeyRotationOf,
  discardNextClientKey,
  prepareNextClientKey,
  retireOldClientKey,
  switchToNextClientKey,
} from "@/lib/connections/client-key-rotation";

type Key = Pick<AuthenticatedApiKey, "id" | "allConnections">;

const publicKeySchema = z.object({
  kid: z.string(),
  alg: z.string(),
  thumbprint: z.string().meta({ description: "RFC 7638 JWK thumbprint (SHA-256, base64url)." }),
  public_jwk: z.record(z.string(), z.string()).meta({ description: "The public key; never private." }),
});

export const clientKeyRotationSchema = z
  .object({
    current: publicKeySchema.nullable().meta({ description: "The key assertions are signed with." }),
    next: publicKeySchema
      .extend({
        tested: z.boolean().meta({ description: "A test signed with this key passed: the switch is allowed." }),
      })
      .nullable()
      .meta({ description: "The prepared next key, published in the JWKS beside the current one." }),
    retiring: z
      .object({ kid: z.string(), retire_at: z.string().meta({ description: "ISO 8601." }) })
      .nullable()
      .meta({ description: "The old key after a switch, published until retire_at." }),
    jwks_uri: z.string().meta({ description: "The public JWKS the console serves for this connection." }),
  })
  .meta({ description: "A private_key_jwt connection's keys during a rotation (public halves and kids only)." });

export const switchClientKeyBodySchema = z.object({
  grace: z
    .enum(RETIRE_GRACE_CHOICES)
    .default("1d")
    .meta({ description: "How long the old key stays in the JWKS for providers that cached it (now: not at all)." }),
});

type Rotation = z.infer<typeof clientKeyRotationSchema>;

/**
 * The rotation's state. A step's "conflict" (nothing prepared, already prepared, nothing to retire)
 * answers rotation-conflict; a broken rule (not a key connection, switch before a passed test) 422.
 */
async function rotationStep<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof ApplicationError && !error.problem && error.code === "conflict")
      throw new ApiProblem("rotation-conflict", error.message);
    throw error;
  }
}

export async function getClientKeyRotationForApi(key: Key, ref: string): Promise<Rotation> {
  const { id } = await findVisibleConnection(key, ref);
  const row = (await findConnection(id))!;
  const publicOf = (jwk: string | null) => {
    const key = clientPublicKeyOf({ publicKeyJwk: jwk });
    return key && { kid: key.kid, alg: key.alg, thumbprint: key.thumbprint, public_jwk: key.jwk };
  };
  const { next, retiring } = clientKeyRotationOf(row);
  const nextKey = publicOf(row.nextPublicKeyJwk);
  return {
    current: publicOf(row.publicKeyJwk),
    next: nextKey && next ? { ...nextKey, tested: next.tested } : null,
    retiring: retiring && { kid: retiring.kid, retire_at: retiring.retireAt.toISOString() },
    jwks_uri: `${getConfig().appUrl}/api/v1/connections/${row.id}/jwks.json`,
  };
}

export async function prepareNextClientKeyForApi(key: Key, ref: string, actor: AuditActor, request: Request) {
  const { id } = await findVisibleConnection(key, ref);
  const body = (await readJsonBody(request)) as Record<string, unknown>;
  const parsed = clientKeySchema.safeParse({ privateKeyImport: "", privateKeyCertificate: "", ...body });
  if (!parsed.success) throw fieldErrors(parsed.error);
  await rotationStep(() => prepareNextClientKey(actor, { connectionId: id, input: parsed.data }));
  return getClientKeyRotationForApi(key, id);
}

/** A client-credentials test signed with the next key; passing it allows the switch. */
export async function testNextClientKeyForApi(
  key: Key,
  ref: string,
  actor: AuditActor,
): Promise<z.infer<typeof testRunSchema>> {
  const connection = await findVisibleConnection(key, ref);
  if (connection.grantType !== "client_credentials")
    throw new ApiProblem(
      "test-not-supported",
      `“${connection.name}” uses ${connection.grantType}: test the new key from the connection's page in the console (Key rotation, Test with new key), where the provider's sign-in opens.`,
    );
  return rotationStep(() => runConnectionTestForApi(key, connection.id, actor, { signingKey: "next" }));
}

export async function switchClientKeyForApi(key: Key, ref: string, actor: AuditActor, request: Request) {
  const { id } = await findVisibleConnection(key, ref);
  const parsed = switchClientKeyBodySchema.safeParse(await readJsonBody(request));
  if (!parsed.success) throw fieldErrors(parsed.error);
  await rotationStep(() => switchToNextClientKey(actor, { connectionId: id, grace: parsed.data.grace }));
  return getClientKeyRotationForApi(key, id);
}

export async function retireOldClientKeyForApi(key: Key, ref: string, actor: AuditActor) {
  const { id } = await findVisibleConnection(key, ref);
  await rotationStep(() => retireOldClientKey(actor, id));
  return getClientKeyRotationForApi(key, id);
}

export async function discardNextClientKeyForApi(key: Key, ref: string, actor: AuditActor): Promise<void> {
  const { id } = await findVisibleConnection(key, ref);
  await rotationStep(() => discardNextClientKey(actor, id));
}
