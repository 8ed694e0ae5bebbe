/** Field-level diff for audit events. Secret fields are reported as changed, never with values. */
export type FieldChange = { from: unknown; to: unknown } | { changed: true; secret: true };
export type FieldDiff = Record<string, FieldChange>;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export function diffFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  options: { secretFields?: readonly string[]; ignore?: readonly string[] } = {},
): FieldDiff {
  const secret = new Set(options.secretFields ?? []);
  const ignore = new Set(options.ignore ?? []);
  const diff: FieldDiff = {};
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (ignore.has(field) || same(before[field], after[field])) continue;
    diff[field] = secret.has(field)
      ? { changed: true, secret: true }
      : { from: before[field] ?? null, to: after[field] ?? null };
  }
  return diff;
}

/** The named fields as they were and as they are, changed or not: for events that always report them. */
export function fromTo<K extends string, Before extends Record<K, unknown>, After extends Record<K, unknown>>(
  before: Before,
  after: After,
  fields: readonly K[],
): { [F in K]: { from: Before[F]; to: After[F] } } {
  return Object.fromEntries(fields.map((field) => [field, { from: before[field], to: after[field] }])) as {
    [F in K]: { from: Before[F]; to: After[F] };
  };
}
