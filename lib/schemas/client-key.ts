/** The private key form of private_key_jwt (wizard's Client step), shared by the browser and its server action. */
import { z } from "zod";
import { pastedText, requiredForSource } from "@/lib/schemas/pasted-text";
import { CLIENT_KEY_ALGORITHMS } from "@/lib/oauth/client-auth/private-key-jwt";

export const CLIENT_KEY_SOURCES = ["generate", "import"] as const;

/** A PEM RSA 4096 key with a certificate chain stays well below this. */
const KEY_TEXT_MAX = 20_000;

export const clientKeySchema = z
  .object({
    source: z.enum(CLIENT_KEY_SOURCES, { message: "Choose whether to generate or import the key." }),
    algorithm: z.enum(CLIENT_KEY_ALGORITHMS, { message: "Choose ES256, RS256 or PS256." }),
    privateKeyImport: pastedText(KEY_TEXT_MAX),
    privateKeyCertificate: pastedText(KEY_TEXT_MAX),
  })
  .superRefine(requiredForSource({ import: [["privateKeyImport", "Paste the private key, as PEM or as a JWK."]] }));

export type ClientKeyInput = z.infer<typeof clientKeySchema>;

export const CLIENT_KEY_DEFAULTS: ClientKeyInput = {
  source: "generate",
  algorithm: "ES256",
  privateKeyImport: "",
  privateKeyCertificate: "",
};

/** What the browser learns of a stored key: nothing private. */
export type ClientKeySummary = { kid: string; alg: string; thumbprint: string; certificate: boolean };
