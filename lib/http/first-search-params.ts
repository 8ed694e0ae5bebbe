/** The first value of each query parameter, as pages read their searchParams. */
export function firstSearchParams(params: URLSearchParams): Record<string, string> {
  return Object.fromEntries([...new Set(params.keys())].map((key) => [key, params.get(key) ?? ""]));
}
