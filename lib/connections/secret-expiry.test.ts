import { describe, expect, it } from "vitest";
import { createConnectionSchemas, EMPTY_CONNECTION_VALUES } from "@/lib/schemas/connection";
import { daysUntilExpiry, expiryDateFromText } from "@/lib/connections/secret-expiry";
import { credentialExpiryBadge } from "@/lib/connections/credential-expiry";
import { dueReminderStep } from "@/lib/notifications/credential-expiry-reminders";

const client = {
  ...EMPTY_CONNECTION_VALUES,
  grantType: "client_credentials",
  clientId: "payroll",
  clientSecret: "s3cret-value-123",
} as const;
const strict = createConnectionSchemas({ allowHttp: false, hasStoredSecret: false });
const PASSED = "This date has passed. Enter the day the new secret expires (today or later), or leave it empty.";

function expiryError(schemas: typeof strict, clientSecretExpiresOn: string): string | undefined {
  const result = schemas.steps.client.safeParse({ ...client, clientSecretExpiresOn });
  return result.success ? undefined : result.error.issues.find((i) => i.path[0] === "clientSecretExpiresOn")?.message;
}

describe("Secret expires on", () => {
  it("is optional, a real date, and not in the past on entry; a stored date stays once it has passed", () => {
    const future = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const ok = strict.steps.client.safeParse({ ...client, clientSecretExpiresOn: future });
    expect(ok.success && ok.data.clientSecretExpiresOn).toBe(future);
    const empty = strict.steps.client.safeParse({ ...client, clientSecretExpiresOn: "" });
    expect(empty.success && empty.data.clientSecretExpiresOn).toBeNull();
    expect(expiryError(strict, "2020-01-31")).toBe(PASSED);
    expect(expiryError(strict, "2027-02-30")).toBe("Enter a date, such as 2027-03-31.");
    const stored = createConnectionSchemas({
      allowHttp: false,
      hasStoredSecret: true,
      storedSecretExpiresOn: "2020-01-31",
    });
    expect(expiryError(stored, "2020-01-31")).toBeUndefined();
    expect(expiryError(stored, "2020-02-01")).toBe(PASSED);
  });

  it("counts whole UTC days, badges from 30 days on, and picks the reminder step due", () => {
    const expiresAt = expiryDateFromText("2027-01-31")!;
    expect(daysUntilExpiry(expiresAt, new Date("2027-01-24T23:59:00Z"))).toBe(7);
    expect(daysUntilExpiry(expiresAt, new Date("2027-01-31T00:00:00Z"))).toBe(0);
    expect(daysUntilExpiry(expiresAt, new Date("2027-02-01T08:00:00Z"))).toBe(-1);
    expect([31, 30, 5, 1, 0, -3].map((days) => credentialExpiryBadge("secret", days))).toEqual([
      null,
      "Secret expires in 30 days",
      "Secret expires in 5 days",
      "Secret expires in 1 day",
      "Secret expires today",
      "Secret expired",
    ]);
    expect([31, 30, 15, 14, 8, 7, 2, 1, 0, -5].map(dueReminderStep)).toEqual([
      undefined,
      30,
      30,
      14,
      14,
      7,
      7,
      1,
      0,
      0,
    ]);
  });
});
