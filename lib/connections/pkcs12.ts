/**
 * Reads a client certificate and its key from a PKCS#12 file (RFC 7292) with the password the
 * admin typed, which is used here and never stored. Modern files (OpenSSL 3, Windows since 2019)
 * encrypt with PBES2: PBKDF2 and AES-CBC (RFC 8018 §6.2), done with node:crypto; the key bag is an
 * encrypted PKCS#8 that node:crypto opens itself. Legacy files (3DES or RC2, RFC 7292 Appendix B)
 * are refused with the command that converts them.
 */
import crypto from "node:crypto";
import { AsnConvert, OctetString } from "@peculiar/asn1-schema";
import {
  AuthenticatedSafe,
  CertBag,
  PFX,
  SafeContents,
  id_certBag,
  id_keyBag,
  id_pkcs8ShroudedKeyBag,
  id_x509Certificate,
} from "@peculiar/asn1-pfx";
import type { ClientCertificate } from "@/lib/net/guarded-fetch";
import { ClientCertificateError, certificateWithKey } from "@/lib/connections/client-certificates";

const ID_DATA = "1.2.840.113549.1.7.1";
const ID_ENCRYPTED_DATA = "1.2.840.113549.1.7.6";
// DER bodies of the object identifiers PBES2 uses (RFC 8018 Appendix A, C).
const OID = {
  pbes2: "2a864886f70d01050d",
  pbkdf2: "2a864886f70d01050c",
  pkcs12Pbe: "2a864886f70d010c01",
  hmac: { "2a864886f70d0207": "sha1", "2a864886f70d0209": "sha256", "2a864886f70d020b": "sha512" } as Record<
    string,
    string
  >,
  aes: { "608648016503040102": 16, "608648016503040116": 24, "60864801650304012a": 32 } as Record<string, number>,
};

export const LEGACY_PKCS12_MESSAGE =
  "This PKCS#12 file uses legacy encryption (3DES or RC2). Convert it first: openssl pkcs12 -in old.p12 -nodes -legacy | openssl pkcs12 -export -out new.p12 (AES), or upload the certificate and key as PEM.";

type Der = { tag: number; body: Buffer; children(): Der[] };

/** A minimal DER reader: enough to walk EncryptedData and the PBES2 parameters. */
function readDer(buffer: Buffer, offset = 0): Der & { end: number } {
  const tag = buffer[offset]!;
  let length = buffer[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + buffer[start + i]!;
    start += bytes;
  }
  const body = buffer.subarray(start, start + length);
  return {
    tag,
    body,
    end: start + length,
    children() {
      const out: Der[] = [];
      for (let at = 0; at < body.length;) {
        const child = readDer(body, at);
        out.push(child);
        at = child.end;
      }
      return out;
    },
  };
}

function decryptPbes2(algorithm: Der, encrypted: Buffer, password: string): Buffer {
  const [oid, params] = algorithm.children();
  const oidHex = oid!.body.toString("hex");
  if (oidHex.startsWith(OID.pkcs12Pbe)) throw new ClientCertificateError(LEGACY_PKCS12_MESSAGE, "pkcs12File");
  if (oidHex !== OID.pbes2)
    throw new ClientCertificateError("This PKCS#12 file uses an unknown encryption.", "pkcs12File");
  const [kdf, scheme] = params!.children();
  const [kdfOid, kdfParams] = kdf!.children();
  if (kdfOid!.body.toString("hex") !== OID.pbkdf2)
    throw new ClientCertificateError("This PKCS#12 file uses an unknown key derivation.", "pkcs12File");
  const [salt, iterations, ...rest] = kdfParams!.children();
  const prf = rest.find((part) => part.tag === 0x30);
  const digest = prf ? OID.hmac[prf.children()[0]!.body.toString("hex")] : "sha1";
  const [cipherOid, iv] = scheme!.children();
  const keyLength = OID.aes[cipherOid!.body.toString("hex")];
  if (!digest || !keyLength)
    throw new ClientCertificateError("This PKCS#12 file uses an unknown cipher.", "pkcs12File");
  const key = crypto.pbkdf2Sync(
    password,
    salt!.body,
    iterations!.body.readUIntBE(0, iterations!.body.length),
    keyLength,
    digest,
  );
  try {
    const decipher = crypto.createDecipheriv(`aes-${keyLength * 8}-cbc`, key, iv!.body);
    return Buffer.concat([decipher.update(encrypted), decipher.final()]);
  } catch {
    throw new ClientCertificateError("The password does not open this PKCS#12 file.", "pkcs12Password");
  }
}

/** EncryptedData (RFC 5652 §8): its EncryptedContentInfo's algorithm and [0] content, decrypted. */
function decryptSafeContents(encryptedData: Buffer, password: string): Buffer {
  const [, contentInfo] = readDer(encryptedData).children();
  const [, algorithm, content] = contentInfo!.children();
  // [0] IMPLICIT OCTET STRING: primitive, or constructed of OCTET STRING chunks.
  const encrypted = content!.tag === 0x80 ? content!.body : Buffer.concat(content!.children().map((c) => c.body));
  return decryptPbes2(algorithm!, encrypted, password);
}

function openKey(bagId: string, bagValue: ArrayBuffer, password: string): crypto.KeyObject {
  const der = Buffer.from(bagValue);
  if (bagId === id_keyBag) return crypto.createPrivateKey({ key: der, format: "der", type: "pkcs8" });
  const [algorithm] = readDer(der).children();
  if (algorithm!.children()[0]!.body.toString("hex").startsWith(OID.pkcs12Pbe))
    throw new ClientCertificateError(LEGACY_PKCS12_MESSAGE, "pkcs12File");
  try {
    return crypto.createPrivateKey({ key: der, format: "der", type: "pkcs8", passphrase: password });
  } catch {
    throw new ClientCertificateError("The password does not open this PKCS#12 file.", "pkcs12Password");
  }
}

/** A wrong AES key passes the padding check now and then; what it decrypts then is no SafeContents. */
function safeContentsOf(contents: Buffer): SafeContents {
  try {
    return AsnConvert.parse(contents, SafeContents);
  } catch {
    throw new ClientCertificateError("The password does not open this PKCS#12 file.", "pkcs12Password");
  }
}

/** The certificate (and any chain) and the private key in a PKCS#12 file. */
export function readPkcs12(file: Buffer, password: string): ClientCertificate {
  let pfx: PFX;
  try {
    pfx = AsnConvert.parse(file, PFX);
  } catch {
    throw new ClientCertificateError("This is not a PKCS#12 file (.p12 or .pfx).", "pkcs12File");
  }
  if (pfx.authSafe.contentType !== ID_DATA)
    throw new ClientCertificateError(
      "This PKCS#12 file is signed with a public key, which is not supported.",
      "pkcs12File",
    );
  const safes = AsnConvert.parse(AsnConvert.parse(pfx.authSafe.content, OctetString).buffer, AuthenticatedSafe);
  const certificates: crypto.X509Certificate[] = [];
  let privateKey: crypto.KeyObject | undefined;
  for (const safe of safes) {
    const contents =
      safe.contentType === ID_ENCRYPTED_DATA
        ? decryptSafeContents(Buffer.from(safe.content), password)
        : Buffer.from(AsnConvert.parse(safe.content, OctetString).buffer);
    for (const bag of safeContentsOf(contents)) {
      if (bag.bagId === id_certBag) {
        const certBag = AsnConvert.parse(bag.bagValue, CertBag);
        if (certBag.certId !== id_x509Certificate) continue;
        const der = Buffer.from(AsnConvert.parse(certBag.certValue, OctetString).buffer);
        certificates.push(new crypto.X509Certificate(der));
      } else if (bag.bagId === id_pkcs8ShroudedKeyBag || bag.bagId === id_keyBag) {
        privateKey ??= openKey(bag.bagId, bag.bagValue, password);
      }
    }
  }
  if (!privateKey) throw new ClientCertificateError("This PKCS#12 file holds no private key.", "pkcs12File");
  const publicKey = crypto.createPublicKey(privateKey);
  const leaf = certificates.find((c) => c.publicKey.equals(publicKey));
  if (!leaf)
    throw new ClientCertificateError("This PKCS#12 file holds no certificate for its private key.", "pkcs12File");
  const chain = [leaf, ...certificates.filter((c) => c !== leaf)].map((c) => c.toString()).join("\n");
  return certificateWithKey(leaf, chain, privateKey);
}
