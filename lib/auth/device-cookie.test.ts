/** Device cookies: only a cookie this console signed, for the account signing in, marks a known device. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-database";

let cleanup: () => void;
let device: typeof import("@/lib/auth/device-cookie");

beforeAll(async () => {
  cleanup = createTestDatabase().cleanup;
  device = await import("@/lib/auth/device-cookie");
});

afterAll(() => cleanup());

const header = (value: string) => `other=1; ${device.deviceCookieName()}=${value}; last=2`;

describe("knownDeviceOf", () => {
  it("recognises a cookie issued for the same account, however the email is typed", () => {
    const value = device.createDeviceCookieValue("Owner@Example.test");
    const nonce = value.split(".")[1];
    expect(device.knownDeviceOf(header(value), " owner@example.TEST ")).toBe(nonce);
  });

  it("refuses a cookie for another account, a forged or altered one, and none at all", () => {
    const value = device.createDeviceCookieValue("owner@example.test");
    const [account, nonce, signature] = value.split(".") as [string, string, string];
    expect(device.knownDeviceOf(header(value), "someone-else@example.test")).toBeNull();
    expect(
      device.knownDeviceOf(
        header(`${Buffer.from("attacker@example.test").toString("base64url")}.${nonce}.${signature}`),
        "attacker@example.test",
      ),
    ).toBeNull();
    expect(device.knownDeviceOf(header(`${account}.${nonce}x.${signature}`), "owner@example.test")).toBeNull();
    expect(device.knownDeviceOf(header(`${account}.${nonce}.${signature}.extra`), "owner@example.test")).toBeNull();
    expect(device.knownDeviceOf(header("garbage"), "owner@example.test")).toBeNull();
    expect(device.knownDeviceOf(null, "owner@example.test")).toBeNull();
  });

  it("names the cookie with the __Host- prefix when the console is served over https", () => {
    expect(device.deviceCookieName("https://console.example.test")).toBe("__Host-handshake-device");
    expect(device.deviceCookieName("http://127.0.0.1:3000")).toBe("handshake-device");
  });
});
