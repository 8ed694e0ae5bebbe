/**
 * The token-API test bed for one Vitest file: started in beforeAll (after which the app's modules
 * may be imported, see token-api-fixture.ts), closed in afterAll, and read through the returned
 * object from inside the tests.
 */
import { afterAll, beforeAll } from "vitest";
import type { TokenApiFixture } from "@/lib/testing/token-api-fixture";

export function startTokenApiFixturePerFile(): TokenApiFixture {
  let started: TokenApiFixture | undefined;
  // Migrations in a child process plus the provider: slow on a loaded machine.
  beforeAll(async () => {
    const { startTokenApiFixture } = await import("@/lib/testing/token-api-fixture");
    started = await startTokenApiFixture();
  }, 120_000);
  afterAll(async () => {
    await started?.close();
  });
  return new Proxy({} as TokenApiFixture, {
    get(_target, name) {
      if (!started) throw new Error("The token API fixture is read before its beforeAll started it.");
      return Reflect.get(started, name) as unknown;
    },
  });
}
