/**
 * One driver adapter per process, shared by the Prisma client and the plain-SQL paths
 * (lib/db/raw-sql.ts). On SQLite that keeps every statement on the one handle and its lock
 * (lib/db/sqlite-adapter.ts); on PostgreSQL both use the one pool.
 */
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";

export class SharedAdapterFactory implements SqlDriverAdapterFactory {
  #connected: Promise<SqlDriverAdapter> | undefined;

  constructor(private readonly inner: SqlDriverAdapterFactory) {}

  get provider() {
    return this.inner.provider;
  }

  get adapterName() {
    return this.inner.adapterName;
  }

  /** The adapter connected first, until it is disposed ($disconnect); then a new one. */
  connect(): Promise<SqlDriverAdapter> {
    this.#connected ??= this.inner.connect().then(
      (adapter) => {
        const dispose = adapter.dispose.bind(adapter);
        adapter.dispose = () => {
          this.#connected = undefined;
          return dispose();
        };
        return adapter;
      },
      (error: unknown) => {
        this.#connected = undefined;
        throw error;
      },
    );
    return this.#connected;
  }
}
