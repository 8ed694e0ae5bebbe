import type { ProbeReport } from "@/lib/diagnosis/diagnosis";

/** The probes a test sent to the same token endpoint, and what each showed. */
export function ProbeFindings({ probes }: { probes: ProbeReport[] }) {
  return (
    <div className="mt-3">
      <h3 className="text-sm font-semibold">Probes (same token endpoint, at most 4)</h3>
      <ol className="mt-1 list-decimal pl-5 text-sm" aria-label="Probes">
        {probes.map((probe, i) => (
          <li key={i} data-testid="probe">
            <span>{probe.label}</span>: <strong>{probe.showed}</strong>
          </li>
        ))}
      </ol>
    </div>
  );
}
