/**
 * PostgreSQL only (npm run test:unit:postgres): a text marked with keepPrepared runs as a named
 * prepared statement, parsed once per connection; any other text stays unnamed.
 */
import { expect, it } from "vitest";
import { keepPrepared, PreparingClient } from "@/lib/db/postgres-prepared-statements";
import { testPostgresAdminUrl } from "@/lib/testing/test-database";

it("prepares only the marked texts, once per connection, with the same answers", async () => {
  const client = new PreparingClient({ connectionString: testPostgresAdminUrl() });
  await client.connect();
  try {
    const marked = "SELECT $1::int + 1 AS next";
    const unmarked = "SELECT $1::int + 2 AS next";
    keepPrepared(marked);
    const answers = [];
    for (const value of [1, 2, 3]) {
      answers.push((await client.query({ text: marked, values: [value], rowMode: "array" })).rows);
      answers.push((await client.query({ text: unmarked, values: [value] })).rows);
    }
    expect(answers).toEqual([[[2]], [{ next: 3 }], [[3]], [{ next: 4 }], [[4]], [{ next: 5 }]]);
    const prepared = await client.query<{ name: string; statement: string }>(
      "SELECT name, statement FROM pg_prepared_statements",
    );
    expect(prepared.rows).toEqual([{ name: expect.stringMatching(/^handshake_[0-9a-f]{24}$/), statement: marked }]);
  } finally {
    await client.end();
  }
});
