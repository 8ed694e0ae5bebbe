import Form from "next/form";
import Link from "next/link";
import { Button, buttonVariants } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, NativeSelect } from "@/components/ui/input";
import {
  INVENTORY_SORTS,
  STALE_AFTER_DAYS,
  type InventoryFilterField,
  type InventoryFilterValues,
} from "@/lib/schemas/inventory-filter";

function Checkbox({ name, label, checked }: { name: InventoryFilterField; label: string; checked: boolean }) {
  return (
    <label className="flex items-center gap-2 text-sm font-medium">
      <input type="checkbox" name={name} value="1" defaultChecked={checked} className="size-4 accent-primary" />
      {label}
    </label>
  );
}

/** The filters counted in days: the secret's age, and how soon a secret or certificate expires. */
const DAY_FILTERS = Object.entries({
  secretOlderThan: { label: "Secret older than (days)", hint: "Days since the client secret was set or rotated." },
  expiresWithin: {
    label: "Secret or certificate expires within (days)",
    hint: "Expired ones too; for example 7, 30 or 90.",
  },
}) as [InventoryFilterField, { label: string; hint: string }][];

const isOn = (value: string) => value === "1" || value === "on" || value === "true";

export function InventoryFilterForm({
  values,
  errors,
}: {
  values: InventoryFilterValues;
  errors: Partial<Record<InventoryFilterField, string>>;
}) {
  const knownSort = values.sort in INVENTORY_SORTS;
  // Without a chosen order, "expires within" lists the soonest first (lib/schemas/inventory-filter.ts).
  const defaultSort = values.expiresWithin ? "secret_expiry" : "name";
  return (
    <Form action="/inventory" className="grid gap-4 rounded-lg border bg-card p-4" aria-label="Filter connections">
      <div className="grid items-start gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Field id="inventory-q" label="Name contains" error={errors.q}>
          <Input name="q" type="search" defaultValue={values.q} autoComplete="off" />
        </Field>
        {DAY_FILTERS.map(([name, { label, hint }]) => (
          <Field key={name} id={`inventory-${name}`} label={label} hint={hint} error={errors[name]}>
            <Input name={name} type="number" min={0} step={1} inputMode="numeric" defaultValue={values[name]} />
          </Field>
        ))}
        <Field id="inventory-sort" label="Sort by" error={errors.sort}>
          <NativeSelect name="sort" defaultValue={knownSort ? values.sort : defaultSort}>
            {Object.entries(INVENTORY_SORTS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </NativeSelect>
        </Field>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <fieldset className="flex flex-wrap items-center gap-x-6 gap-y-2">
          <legend className="sr-only">Show only</legend>
          <Checkbox name="stale" label={`Not tested in ${STALE_AFTER_DAYS} days`} checked={isOn(values.stale)} />
          <Checkbox name="failing" label="Failing" checked={isOn(values.failing)} />
          <Checkbox name="tokenExpired" label="Token expired" checked={isOn(values.tokenExpired)} />
        </fieldset>
        <div className="flex flex-wrap gap-2">
          <Button type="submit">Apply</Button>
          <Link href="/inventory" className={buttonVariants({ variant: "ghost" })}>
            Clear filters
          </Link>
        </div>
      </div>
    </Form>
  );
}
