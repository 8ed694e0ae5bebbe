/** A page's query string as Next.js passes it: per name one value, repeated values, or none. */
export type PageSearchParams = Promise<Record<string, string | string[] | undefined>>;
