/**
 * A closed set of choices written once, as the table of the words the console shows for each: the
 * list of values (for z.enum and selects, in the table's order) and the type guard come from it.
 */
export type LabelledChoices<V extends string> = {
  values: readonly [V, ...V[]];
  labels: Readonly<Record<V, string>>;
  includes: (value: string) => value is V;
};

export function labelledChoices<V extends string>(labels: Record<V, string>): LabelledChoices<V> {
  const values = Object.keys(labels) as [V, ...V[]];
  return { values, labels, includes: (value): value is V => (values as readonly string[]).includes(value) };
}
