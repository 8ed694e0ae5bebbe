import { Check } from "lucide-react";
import { CONNECTION_STEPS } from "@/lib/schemas/connection";

/** Where the wizard is: the step list beside the form, or on a phone a compact bar above it. */
export function WizardSteps({ index }: { index: number }) {
  return (
    <>
      {/* On a phone the step list would push the form below the fold: a bar shows the progress instead. */}
      <div className="flex gap-1 md:hidden" data-testid="wizard-progress" aria-hidden>
        {CONNECTION_STEPS.map((s, i) => (
          <span key={s.id} className={`h-1.5 flex-1 rounded-full ${i <= index ? "bg-primary" : "bg-muted"}`} />
        ))}
      </div>
      <nav aria-label="Wizard steps" className="hidden md:block">
        <ol className="grid gap-1 text-sm">
          {CONNECTION_STEPS.map((s, i) => (
            <li
              key={s.id}
              aria-current={i === index ? "step" : undefined}
              className={`flex items-center gap-2 rounded-md px-3 py-2 ${i === index ? "bg-accent font-medium text-accent-foreground" : "text-muted-foreground"}`}
            >
              <span className="grid size-5 place-items-center rounded-full border text-xs" aria-hidden>
                {i < index ? <Check className="size-3" /> : i + 1}
              </span>
              {s.title}
            </li>
          ))}
        </ol>
      </nav>
    </>
  );
}
