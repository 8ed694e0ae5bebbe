import { describe, expect, it } from "vitest";
import { certificateExpiryNotice, credentialExpiryBadge, soonestExpiry } from "@/lib/connections/credential-expiry";

const NOW = new Date("2026-12-05T15:00:00.000Z");
const day = (text: string) => new Date(`${text}T00:00:00.000Z`);

describe("the credential that expires first", () => {
  it("is the earlier of secret and certificate, from the columns alone", () => {
    const certificate = new Date("2026-12-20T10:30:00.000Z");
    expect(soonestExpiry({ clientSecretExpiresAt: null, clientCertificateExpiresAt: null })).toBeNull();
    expect(
      soonestExpiry({ clientSecretExpiresAt: day("2027-01-01"), clientCertificateExpiresAt: certificate }),
    ).toEqual({
      credential: "certificate",
      expiresAt: certificate,
    });
    expect(
      soonestExpiry({ clientSecretExpiresAt: day("2026-12-10"), clientCertificateExpiresAt: certificate }),
    ).toEqual({
      credential: "secret",
      expiresAt: day("2026-12-10"),
    });
    expect(soonestExpiry({ clientSecretExpiresAt: null, clientCertificateExpiresAt: certificate })?.credential).toBe(
      "certificate",
    );
  });

  it("has a badge from 30 days before, naming the credential", () => {
    expect(credentialExpiryBadge("certificate", 31)).toBeNull();
    expect(credentialExpiryBadge("certificate", 30)).toBe("Certificate expires in 30 days");
    expect(credentialExpiryBadge("certificate", 1)).toBe("Certificate expires in 1 day");
    expect(credentialExpiryBadge("certificate", 0)).toBe("Certificate expires today");
    expect(credentialExpiryBadge("certificate", -2)).toBe("Certificate expired");
    expect(credentialExpiryBadge("secret", 3)).toBe("Secret expires in 3 days");
  });

  it("says on the connection page when the certificate expires, and warns from 30 days before", () => {
    expect(certificateExpiryNotice(new Date("2027-02-01T08:00:00.000Z"), NOW)).toEqual({
      text: "Certificate expires on 2027-02-01 (in 58 days).",
      warn: false,
    });
    expect(certificateExpiryNotice(new Date("2027-01-04T23:59:59.000Z"), NOW)).toEqual({
      text: "Certificate expires on 2027-01-04 (in 30 days).",
      warn: true,
    });
    expect(certificateExpiryNotice(new Date("2026-12-05T23:00:00.000Z"), NOW).text).toBe(
      "Certificate expires on 2026-12-05 (today): renew it and store the new one on the connection.",
    );
    expect(certificateExpiryNotice(new Date("2026-12-01T00:00:00.000Z"), NOW)).toEqual({
      text: "Certificate expired on 2026-12-01: renew it and store the new one on the connection.",
      warn: true,
    });
  });
});
