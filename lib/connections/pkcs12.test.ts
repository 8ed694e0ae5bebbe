/**
 * PKCS#12 files as OpenSSL 3 writes them (PBES2, PBKDF2, AES-256-CBC) open with the password; a
 * wrong password and a legacy 3DES file are refused with the message for their field.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPkcs12 } from "@/lib/connections/pkcs12";
import { certificateFactsOf } from "@/lib/connections/client-certificates";
import { createTestCertificateAuthority, type IssuedCertificate } from "@/lib/testing/test-pki";

const PASSWORD = "unit-p12-password-6c1e";
let issued: IssuedCertificate;
let caPem: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-p12-"));

function exportP12(name: string, extra: string[]): Buffer {
  const out = path.join(dir, `${name}.p12`);
  execFileSync("openssl", [
    "pkcs12",
    "-export",
    "-in",
    path.join(dir, "cert.pem"),
    "-inkey",
    path.join(dir, "key.pem"),
    "-certfile",
    path.join(dir, "ca.pem"),
    "-passout",
    `pass:${PASSWORD}`,
    "-out",
    out,
    ...extra,
  ]);
  return fs.readFileSync(out);
}

beforeAll(async () => {
  const ca = await createTestCertificateAuthority();
  caPem = ca.certificatePem;
  issued = await ca.issueClientCertificate("CN=p12-client, O=Handshake");
  fs.writeFileSync(path.join(dir, "cert.pem"), issued.certificatePem);
  fs.writeFileSync(path.join(dir, "key.pem"), issued.privateKeyPem);
  fs.writeFileSync(path.join(dir, "ca.pem"), caPem);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("PKCS#12 upload", () => {
  it("opens a PBES2/AES file with its password: the leaf first, then the chain, and the key", () => {
    const opened = readPkcs12(exportP12("modern", []), PASSWORD);
    expect(certificateFactsOf(opened.certificatePem).subject).toBe("CN=p12-client, O=Handshake");
    expect(opened.certificatePem.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    expect(opened.privateKeyPem).toContain("-----BEGIN PRIVATE KEY-----");
  });

  it("refuses a wrong password next to the password field", () => {
    expect(() => readPkcs12(exportP12("wrong", []), "not-the-password")).toThrow(
      expect.objectContaining({ field: "pkcs12Password", message: expect.stringContaining("password") }),
    );
  });

  it("says a legacy 3DES file must be converted, and how", () => {
    const legacy = exportP12("legacy", ["-keypbe", "PBE-SHA1-3DES", "-certpbe", "PBE-SHA1-3DES", "-macalg", "sha1"]);
    expect(() => readPkcs12(legacy, PASSWORD)).toThrow(
      expect.objectContaining({ field: "pkcs12File", message: expect.stringContaining("openssl pkcs12") }),
    );
  });

  it("refuses a file that is not PKCS#12", () => {
    expect(() => readPkcs12(Buffer.from(issued.certificatePem), PASSWORD)).toThrow(
      expect.objectContaining({ field: "pkcs12File" }),
    );
  });
});
