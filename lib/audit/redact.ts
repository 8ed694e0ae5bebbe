/**
 * Last line of defence for audit details: any key that names a secret loses its value.
 * Callers already pass diffs without secret values; this catches mistakes.
 */
const SECRET_KEY = /secret|token|password|assertion|verifier|^code$|authorization|private_?key|cookie/i;

export function redactForAudit(value: unknown, key = ""): unknown {
  if (key && SECRET_KEY.test(key) && (typeof value === "string" || typeof value === "number")) return "[redacted]";
  if (Array.isArray(value)) return value.map((v) => redactForAudit(v));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactForAudit(v, k)]));
  }
  return value;
}
