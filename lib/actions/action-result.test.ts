import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ok, parseInput, runPublicAction } from "@/lib/actions/action-result";
import { ApplicationError } from "@/lib/errors/application-error";

const nameSchema = z.object({ name: z.string().min(3, "Use at least 3 characters.") });

describe("the action wrapper", () => {
  it("returns invalid input as messages next to their fields", async () => {
    const result = await runPublicAction(async () => ok(parseInput(nameSchema, { name: "ab" })));
    expect(result).toEqual({
      ok: false,
      error: "Some values need fixing.",
      code: "validation",
      fieldErrors: { name: "Use at least 3 characters." },
    });
  });

  it("returns one message for an input the browser should never get wrong", async () => {
    const result = await runPublicAction(async () => ok(parseInput(nameSchema, null, "Unknown connection.")));
    expect(result).toEqual({ ok: false, error: "Unknown connection.", code: "validation" });
  });

  it("shows an application error's message, next to its field when it has one", async () => {
    const taken = "A connection named “Ledger” already exists.";
    const result = await runPublicAction(async () => {
      throw new ApplicationError(taken, "rule", "name");
    });
    expect(result).toEqual({ ok: false, error: taken, code: "rule", fieldErrors: { name: taken } });
  });

  it("hides an unexpected error behind a plain message", async () => {
    const result = await runPublicAction(async () => {
      throw new Error("SQLITE_CORRUPT: database disk image is malformed");
    });
    expect(result).toEqual({ ok: false, error: "Something went wrong on the server. Nothing was changed; try again." });
  });
});
