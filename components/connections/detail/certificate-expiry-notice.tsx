import { Alert } from "@/components/ui/alert";
import { certificateExpiryNotice } from "@/lib/connections/credential-expiry";

/** When the client certificate stops working (a key's or the mTLS one), a warning from 30 days before. */
export function CertificateExpiryNotice({ expiresAt }: { expiresAt: Date | null }) {
  if (!expiresAt) return null;
  const notice = certificateExpiryNotice(expiresAt, new Date());
  return (
    <Alert variant={notice.warn ? "warning" : "info"} aria-label="Certificate expiry">
      {notice.text}
    </Alert>
  );
}
