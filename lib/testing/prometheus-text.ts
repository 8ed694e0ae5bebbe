/**
 * A strict reader of the Prometheus text exposition format 0.0.4 for tests: HELP and TYPE lines,
 * then samples whose family has a declared TYPE; anything else throws.
 */
export type Sample = { name: string; labels: Record<string, string>; value: number };

const META = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/;
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*)\})? (\S+)$/;
const TYPES = new Set(["counter", "gauge", "histogram", "summary", "untyped"]);

export function parsePrometheusText(text: string): Sample[] {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  if (!text.endsWith("\n")) throw new Error("The exposition must end with a line feed.");
  for (const line of text.slice(0, -1).split("\n")) {
    if (line === "") continue;
    const meta = META.exec(line);
    if (meta) {
      if (meta[1] === "TYPE") {
        if (!TYPES.has(meta[3]!)) throw new Error(`Unknown metric type: ${line}`);
        types.set(meta[2]!, meta[3]!);
      }
      continue;
    }
    const sample = SAMPLE.exec(line);
    if (!sample) throw new Error(`Not a Prometheus sample line: ${line}`);
    const [, name, labelText, valueText] = sample as unknown as [string, string, string | undefined, string];
    if (!types.has(name) && !types.has(name.replace(/_(bucket|sum|count)$/, "")))
      throw new Error(`No TYPE declared for ${name}`);
    const value = valueText === "+Inf" ? Infinity : valueText === "-Inf" ? -Infinity : Number(valueText);
    if (Number.isNaN(value) && valueText !== "NaN") throw new Error(`Not a number: ${line}`);
    const labels = Object.fromEntries(
      [...(labelText ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]),
    );
    samples.push({ name, labels, value });
  }
  return samples;
}

/** The value of the first sample with this name and these labels (others may be present). */
export function sampleValue(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}
