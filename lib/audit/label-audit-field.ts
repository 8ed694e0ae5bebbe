import { CONNECTION_FIELD_NAMES, CONNECTION_FIELDS } from "@/lib/connections/connection-fields";

// Keys in audit diffs that are not connection fields: the lifecycle and the user record.
const OTHER_LABELS: Record<string, string> = {
  status: "Status",
  enabled: "Enabled",
  role: "Role",
  disabled: "Disabled",
  password: "Password",
};

// A connection field is audited under its auditName when it has one, so both names map to its label.
const FIELD_LABELS: Record<string, string> = Object.fromEntries(
  CONNECTION_FIELD_NAMES.flatMap((name) => {
    const spec: { label: string; auditName?: string } = CONNECTION_FIELDS[name];
    return spec.auditName ? [[name, spec.label], [spec.auditName, spec.label]] : [[name, spec.label]];
  }),
);

/** The label a person saw on the form for a key in an audit diff; an unknown key is shown as it is. */
export function labelAuditField(field: string): string {
  return FIELD_LABELS[field] ?? OTHER_LABELS[field] ?? field;
}
