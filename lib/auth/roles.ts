export const ROLES = ["ADMIN", "AUDITOR"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = { ADMIN: "Admin", AUDITOR: "Auditor" };

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Admins can do everything an auditor can. */
export function roleSatisfies(actual: Role, required: Role): boolean {
  return required === "AUDITOR" || actual === "ADMIN";
}
