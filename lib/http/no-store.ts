/** Answers that carry tokens or say why none was given are never cached (RFC 6749 §5.1, RFC 9111 §5.2.2.5). */
export const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" } as const;
