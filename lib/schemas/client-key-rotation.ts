/** The switch form of private_key_jwt rotation (connection page), shared by the browser and its server action. */
import { z } from "zod";

/** How long the old key stays in the JWKS after a switch: providers may have cached the key set. */
export const RETIRE_GRACE_CHOICES = ["1h", "1d", "7d", "now"] as const;
export type RetireGrace = (typeof RETIRE_GRACE_CHOICES)[number];

export const RETIRE_GRACE_LABELS: Record<RetireGrace, string> = {
  "1h": "1 hour",
  "1d": "1 day (default)",
  "7d": "7 days",
  now: "Now: remove the old key from the JWKS at once",
};

export const RETIRE_GRACE_MS: Record<RetireGrace, number> = {
  "1h": 3_600_000,
  "1d": 86_400_000,
  "7d": 7 * 86_400_000,
  now: 0,
};

export const switchClientKeySchema = z.object({
  grace: z.enum(RETIRE_GRACE_CHOICES, { message: "Choose how long the old key stays published." }),
});

export type SwitchClientKeyInput = z.infer<typeof switchClientKeySchema>;

export const SWITCH_CLIENT_KEY_DEFAULTS: SwitchClientKeyInput = { grace: "1d" };
