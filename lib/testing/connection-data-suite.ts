/**
 * The connection data fixture (connection-data-fixture.ts) for one suite: started before its tests,
 * closed after them; its members are on the returned object from the suite's first beforeAll on.
 */
import { afterAll, beforeAll } from "vitest";
import { startConnectionDataFixture, type ConnectionDataFixture } from "@/lib/testing/connection-data-fixture";

export function openConnectionDataSuite(adminEmail: string): ConnectionDataFixture {
  const suite = {} as ConnectionDataFixture;
  beforeAll(async () => {
    Object.assign(suite, await startConnectionDataFixture(adminEmail));
  });
  afterAll(() => suite.close?.());
  return suite;
}
