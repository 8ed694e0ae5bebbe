/** A client secret's age as people say it: "set today", "1 day old", "200 days old". */
export function secretAgeText(days: number): string {
  if (days <= 0) return "Set today";
  return days === 1 ? "1 day old" : `${days} days old`;
}
