/**
 * A SQL statement as a tagged template keeps it: the literal parts and the values bound between
 * them. Its own module so lib/db/postgres-session.ts can build statements without importing the
 * runners (lib/db/raw-sql.ts), which import the Prisma client that imports the session.
 */
export type SqlValue = string | number | boolean | Date | null;

export type SqlStatement = { readonly strings: readonly string[]; readonly values: readonly SqlValue[] };
