/** The case-insensitive form of a name that the unique nameKey column holds. */
export function connectionNameKey(name: string): string {
  return name.normalize("NFC").toLowerCase();
}
