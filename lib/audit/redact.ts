/**
 * Secret values in audit details. The event schemas (lib/audit/audit-events.ts) refuse details
 * that hold one; redaction stays as the last line of defence: any key that names a secret loses
 * its value.
 */
const SECRET_KEY = /secret|token|password|assertion|verifier|^code$|authorization|private_?key|cookie/i;

function isSecretValue(key: string, value: unknown): boolean {
  return Boolean(key) && SECRET_KEY.test(key) && (typeof value === "string" || typeof value === "number");
}

export function redactForAudit(value: unknown, key = ""): unknown {
  if (isSecretValue(key, value)) return "[redacted]";
  if (Array.isArray(value)) return value.map((v) => redactForAudit(v));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactForAudit(v, k)]));
  }
  return value;
}

/** Where redaction would hide a value, as key paths; empty when the details hold no secret value. */
export function findSecretValues(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const key = path.at(-1);
  if (typeof key === "string" && isSecretValue(key, value)) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => findSecretValues(v, [...path, i]));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => findSecretValues(v, [...path, k]));
  return [];
}
