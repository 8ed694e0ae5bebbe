import { describe, expect, it } from "vitest";
import { strictTransportSecurityFor } from "@/lib/http/strict-transport-security";

describe("strictTransportSecurityFor", () => {
  it("asks browsers for https only for a year when the public URL is https", () => {
    expect(strictTransportSecurityFor("https://handshake.example.com")).toBe("max-age=31536000");
  });

  it.each([undefined, "", "http://localhost:3000", "not a url"])("sends nothing for %o", (appUrl) => {
    expect(strictTransportSecurityFor(appUrl)).toBeNull();
  });
});
