import Form from "next/form";
import Link from "next/link";
import { Button, buttonVariants } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, NativeSelect } from "@/components/ui/input";
import { AUDIT_ACTIONS, AUDIT_EVENTS } from "@/lib/audit/audit-events";
import type { AuditFilterField, AuditFilterValues } from "@/lib/schemas/audit-filter";

const ACTION_GROUPS: { label: string; prefix: string }[] = [
  { label: "Sign-in", prefix: "auth." },
  { label: "Setup", prefix: "setup." },
  { label: "Users", prefix: "user." },
  { label: "Connections", prefix: "connection." },
  { label: "Tokens", prefix: "token." },
  { label: "Keys", prefix: "keys." },
  { label: "Audit", prefix: "audit." },
];

/**
 * A GET form: filters go into the URL, so a filtered view can be bookmarked, shared and exported.
 * Keyed by the current query so "Clear" and back/forward reset what the fields show.
 */
export function AuditFilterForm({
  values,
  errors,
  actorSuggestions,
}: {
  values: AuditFilterValues;
  errors: Partial<Record<AuditFilterField, string>>;
  actorSuggestions: string[];
}) {
  const knownAction = (AUDIT_ACTIONS as readonly string[]).includes(values.action);
  return (
    <Form action="/audit" className="grid gap-4 rounded-lg border bg-card p-4" aria-label="Filter audit events">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        <Field
          id="audit-filter-actor"
          label="Actor"
          hint="Email, or an API key as the trail shows it"
          error={errors.actor}
        >
          <Input
            name="actor"
            type="text"
            list="audit-actor-suggestions"
            defaultValue={values.actor}
            autoComplete="off"
          />
        </Field>
        <datalist id="audit-actor-suggestions">
          {actorSuggestions.map((email) => (
            <option key={email} value={email} />
          ))}
        </datalist>
        <Field id="audit-filter-action" label="Action" error={errors.action}>
          <NativeSelect name="action" defaultValue={knownAction ? values.action : ""}>
            <option value="">Any action</option>
            {ACTION_GROUPS.map((group) => (
              <optgroup key={group.prefix} label={group.label}>
                {AUDIT_ACTIONS.filter((a) => a.startsWith(group.prefix)).map((action) => (
                  <option key={action} value={action}>
                    {AUDIT_EVENTS[action].label}
                  </option>
                ))}
              </optgroup>
            ))}
          </NativeSelect>
        </Field>
        <Field id="audit-filter-connection" label="Connection" hint="Name or ID" error={errors.connection}>
          <Input name="connection" type="text" defaultValue={values.connection} autoComplete="off" />
        </Field>
        <Field id="audit-filter-from" label="From" hint="Start date (UTC)" error={errors.from}>
          <Input name="from" type="date" defaultValue={values.from} />
        </Field>
        <Field id="audit-filter-to" label="To" hint="End date, inclusive (UTC)" error={errors.to}>
          <Input name="to" type="date" defaultValue={values.to} />
        </Field>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit">Apply filters</Button>
        <Link href="/audit" className={buttonVariants({ variant: "ghost" })}>
          Clear filters
        </Link>
      </div>
    </Form>
  );
}
