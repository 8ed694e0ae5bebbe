import Link from "next/link";
import type { InventoryCounts } from "@/lib/inventory/list-inventory";
import { DEFAULT_SECRET_AGE_DAYS, STALE_AFTER_DAYS } from "@/lib/schemas/inventory-filter";

/** The inventory's headline counts, each a link to the filter that lists them. */
export function InventoryHeadlines({ counts }: { counts: InventoryCounts }) {
  const items = [
    { label: "Connections", value: counts.total, href: "/inventory" },
    { label: "Failing", value: counts.failing, href: "/inventory?failing=1" },
    {
      label: `Not tested in ${STALE_AFTER_DAYS} days`,
      value: counts.stale,
      href: "/inventory?stale=1&sort=last_tested",
    },
    {
      label: `Secrets older than ${DEFAULT_SECRET_AGE_DAYS} days`,
      value: counts.oldSecrets,
      href: `/inventory?secretOlderThan=${DEFAULT_SECRET_AGE_DAYS}&sort=secret_age`,
    },
    { label: "Expired tokens", value: counts.expiredTokens, href: "/inventory?tokenExpired=1" },
  ];
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" aria-label="Inventory summary">
      {items.map((item) => (
        <li key={item.label}>
          <Link href={item.href} className="grid gap-1 rounded-lg border bg-card p-3 hover:bg-accent">
            <span className="text-2xl font-semibold tabular-nums">{item.value.toLocaleString("en-US")}</span>
            <span className="text-xs text-muted-foreground">{item.label}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
