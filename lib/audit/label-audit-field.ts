import { CONNECTION_FIELD_NAMES, CONNECTION_FIELDS } from "@/lib/connections/connection-fields";

// Keys in audit diffs that are not connection fields: the lifecycle and the user record.
const OTHER_LABELS: Record<string, string> = {
  status: "Status",
  enabled: "Enabled",
  role: "Role",
  disabled: "Disabled",
  password: "Password",
};

type FieldSpec = { label: string; auditName?: string; secret?: true };

// A connection field is audited under its auditName when it has one, so both names map to its label.
const FIELD_SPECS: [string, FieldSpec][] = CONNECTION_FIELD_NAMES.flatMap((name) => {
  const spec: FieldSpec = CONNECTION_FIELDS[name];
  return spec.auditName
    ? [
        [name, spec],
        [spec.auditName, spec],
      ]
    : [[name, spec]];
});

const FIELD_LABELS: Record<string, string> = Object.fromEntries(FIELD_SPECS.map(([name, spec]) => [name, spec.label]));

const SECRET_FIELDS: ReadonlySet<string> = new Set([
  "password",
  ...FIELD_SPECS.filter(([, spec]) => spec.secret).map(([name]) => name),
]);

/** The label a person saw on the form for a key in an audit diff; an unknown key is shown as it is. */
export function labelAuditField(field: string): string {
  return FIELD_LABELS[field] ?? OTHER_LABELS[field] ?? field;
}

/** A field an audit diff may only report as changed, never with its values. */
export function isSecretAuditField(field: string): boolean {
  return SECRET_FIELDS.has(field);
}
