import type { Diagnosis } from "@/lib/diagnosis/diagnosis";

/** The two sentences every diagnosis gives: what went wrong, and what to change. */
export function CauseAndFix({ diagnosis }: { diagnosis: Pick<Diagnosis, "cause" | "fix"> }) {
  return (
    <>
      <p>
        <strong>Cause.</strong> {diagnosis.cause}
      </p>
      <p className="mt-1">
        <strong>Fix.</strong> {diagnosis.fix}
      </p>
    </>
  );
}
