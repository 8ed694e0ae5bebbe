import { z } from "zod";
import { recordIdSchema } from "@/lib/schemas/record-id";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { ROLES } from "@/lib/auth/roles";
import { IDLE_MINUTES_RANGE, LIFETIME_HOURS_RANGE } from "@/lib/auth/session-limits";

const email = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter an email address.")
  .max(320)
  .pipe(z.email("Enter a valid email address."));

const newPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(256, "Use at most 256 characters.");

export const signInSchema = z.object({
  email,
  password: z.string().min(1, "Enter your password.").max(256),
  /** Asked only after the password, for an account with a second factor. */
  code: z.string().trim().max(64, "A code is at most 64 characters.").optional(),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const setupSchema = z
  .object({
    setupCode: z.string().trim().min(1, "Enter the setup code from the server log.").max(64),
    email,
    name: z.string().trim().max(100).optional(),
    password: newPassword,
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match.",
  });
export type SetupInput = z.infer<typeof setupSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(256),
    password: newPassword,
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match.",
  })
  .refine((v) => v.password !== v.currentPassword, {
    path: ["password"],
    message: "Choose a password different from the current one.",
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const createUserSchema = z.object({
  email,
  name: z.string().trim().max(100).optional(),
  role: z.enum(ROLES, { message: "Choose a role." }),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const changeRoleSchema = z.object({
  userId: z.string().min(1),
  role: z.enum(ROLES, { message: "Choose a role." }),
});
export const userIdSchema = z.object({ userId: recordIdSchema });

/** Confirms the authenticator app: a code it shows now (RFC 6238: 6 digits). */
export const confirmTotpSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{3} ?\d{3}$/, "Enter the 6-digit code the app shows."),
});
export type ConfirmTotpInput = z.infer<typeof confirmTotpSchema>;

export const secondFactorPolicySchema = z.object({ required: z.boolean() });
export type SecondFactorPolicyInput = z.infer<typeof secondFactorPolicySchema>;

/** A new passkey's registration response as @simplewebauthn/browser returns it (WebAuthn §5.1 in JSON). */
export const passkeyRegistrationSchema = z.looseObject({
  id: z.string().max(1024),
  rawId: z.string().max(1024),
  type: z.literal("public-key"),
  response: z.looseObject({ clientDataJSON: z.string().max(8192), attestationObject: z.string().max(16_384) }),
  clientExtensionResults: z.looseObject({}),
});

export const passkeyIdSchema = z.object({ passkeyId: recordIdSchema });

const wholeNumber = (range: { min: number; max: number }, unit: string) =>
  z
    .number({ message: `Enter a number of ${unit}.` })
    .int(`Enter a whole number of ${unit}.`)
    .min(range.min, `At least ${range.min} ${unit}.`)
    .max(range.max, `At most ${range.max} ${unit}.`);

/** The admin's session limits (lib/auth/session-policy.ts). */
export const sessionLimitsSchema = z.object({
  idleMinutes: wholeNumber(IDLE_MINUTES_RANGE, "minutes"),
  lifetimeHours: wholeNumber(LIFETIME_HOURS_RANGE, "hours"),
});
export type SessionLimitsInput = z.infer<typeof sessionLimitsSchema>;
