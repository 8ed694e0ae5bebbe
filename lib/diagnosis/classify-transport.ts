/** Requests the guarded fetch refused, and connections that failed before an HTTP answer. */
import type { OutboundBlockedError } from "@/lib/net/address-policy";
import { safeText } from "@/lib/oauth/redact";
import { diagnosisFrom, ENDPOINT_NAMES, type Diagnosis, type DiagnosisContext } from "@/lib/diagnosis/diagnosis";
import { TRANSPORT_DIAGNOSES } from "@/lib/diagnosis/transport";

const BLOCKED = {
  address: { entry: TRANSPORT_DIAGNOSES.blocked_address, maxMessage: 400 },
  protocol: { entry: TRANSPORT_DIAGNOSES.blocked_protocol, maxMessage: 300 },
  size: { entry: TRANSPORT_DIAGNOSES.response_too_large, maxMessage: 300 },
  "credentials-in-url": { entry: TRANSPORT_DIAGNOSES.credentials_in_url, maxMessage: 300 },
  redirect: { entry: TRANSPORT_DIAGNOSES.blocked_redirect, maxMessage: 300 },
} as const;

export function diagnoseBlocked(error: OutboundBlockedError): Diagnosis {
  const details: Record<string, string> = { reason: error.reason };
  if (error.host) details.host = error.host;
  if (error.address) details.address = error.address;
  const { entry, maxMessage } = BLOCKED[error.reason];
  return diagnosisFrom(entry, { message: safeText(error.message, maxMessage) }, { details });
}

const DNS_CODES = ["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL"];
const NETWORK_CODES = ["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "EHOSTUNREACH", "ENETUNREACH"];
const TIMEOUT_CODES = ["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ETIMEDOUT"];
const TLS_CODE = /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL|HOSTNAME_MISMATCH)/;

/** A failed connection (DNS, TCP, TLS, time-out) anywhere in the error's cause chain, if any. */
export function diagnoseNetwork(error: unknown, context: DiagnosisContext): Diagnosis | undefined {
  const endpoint = ENDPOINT_NAMES[context.stage];
  if (findInChain(error, (e): e is DOMException => e instanceof DOMException && e.name === "TimeoutError"))
    return timeout(context);
  const coded = findInChain(
    error,
    (e): e is Error & { code: string } => e instanceof Error && typeof (e as { code?: unknown }).code === "string",
  );
  const code = coded?.code;
  if (!code) return undefined;
  const host = safeText((coded as { hostname?: unknown }).hostname, 200);
  const details: Record<string, string> = { code };
  if (host) details.host = host;
  if (DNS_CODES.includes(code))
    return diagnosisFrom(TRANSPORT_DIAGNOSES.dns_failure, { endpoint, code, host }, { details });
  if (code === "ECONNREFUSED") return diagnosisFrom(TRANSPORT_DIAGNOSES.connection_refused, { endpoint }, { details });
  if (NETWORK_CODES.includes(code))
    return diagnosisFrom(TRANSPORT_DIAGNOSES.network_error, { endpoint, code }, { details });
  if (TIMEOUT_CODES.includes(code)) return timeout(context);
  if (TLS_CODE.test(code) || code === "ERR_TLS_CERT_ALTNAME_INVALID")
    return diagnosisFrom(TRANSPORT_DIAGNOSES.tls_error, { endpoint, code }, { details });
  return undefined;
}

export function timeout(context: DiagnosisContext): Diagnosis {
  return diagnosisFrom(TRANSPORT_DIAGNOSES.timeout, { endpoint: ENDPOINT_NAMES[context.stage] });
}

export function findInChain<T>(error: unknown, predicate: (e: unknown) => e is T): T | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (predicate(e)) return e;
  }
  return undefined;
}
