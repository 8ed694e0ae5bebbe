import { describe, expect, it } from "vitest";
import { databaseTransportWarning } from "@/lib/config/database-url";

describe("databaseTransportWarning", () => {
  it.each([
    "postgresql://handshake:secret@db.internal:5432/handshake",
    "postgresql://handshake@db.internal/handshake?sslmode=require",
    "postgres://handshake@10.0.0.7/handshake?sslmode=verify-ca",
    "postgresql://handshake@db.internal/handshake?host=db2.internal",
  ])("warns when %s leaves the machine without sslmode=verify-full, naming the host", (url) => {
    expect(databaseTransportWarning(url)).toMatch(
      /^DATABASE_URL reaches db2?\.internal|^DATABASE_URL reaches 10\.0\.0\.7/,
    );
    expect(databaseTransportWarning(url)).toContain("sslmode=verify-full");
  });

  it.each([
    "postgresql://handshake@db.internal:5432/handshake?sslmode=verify-full&sslrootcert=/etc/ssl/db-ca.pem",
    "postgresql://handshake@127.0.0.1:5432/handshake",
    "postgresql://handshake@localhost/handshake?sslmode=disable",
    "postgresql://handshake@[::1]:5432/handshake",
    "postgresql://handshake@/handshake?host=/run/postgresql",
    "file:/var/lib/handshake/handshake.db",
  ])("says nothing for %s", (url) => {
    expect(databaseTransportWarning(url)).toBeNull();
  });
});
