import { Check } from "lucide-react";
import { CONNECTION_STEPS, type ConnectionStepId } from "@/lib/connections/connection-steps";

/**
 * Where the wizard is: the step list beside the form, or on a phone a compact bar above it.
 * Steps already reached are links, so an admin can go straight back to one (or forward again).
 */
export function WizardSteps({
  index,
  reached,
  hrefFor,
  onSelect,
}: {
  index: number;
  reached: number;
  hrefFor: (step: ConnectionStepId) => string | undefined;
  onSelect: (step: ConnectionStepId) => void;
}) {
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
          {CONNECTION_STEPS.map((s, i) => {
            const href = i !== index && i <= reached ? hrefFor(s.id) : undefined;
            const content = (
              <>
                <span className="grid size-5 place-items-center rounded-full border text-xs" aria-hidden>
                  {i < reached && i !== index ? <Check className="size-3" /> : i + 1}
                </span>
                {s.title}
              </>
            );
            return (
              <li
                key={s.id}
                aria-current={i === index ? "step" : undefined}
                className={`rounded-md ${i === index ? "bg-accent font-medium text-accent-foreground" : "text-muted-foreground"}`}
              >
                {href ? (
                  <a
                    href={href}
                    className="flex items-center gap-2 rounded-md px-3 py-2 hover:bg-accent hover:text-accent-foreground"
                    onClick={(event) => {
                      // The form keeps every typed value; a page load would drop what is not saved yet.
                      event.preventDefault();
                      onSelect(s.id);
                    }}
                  >
                    {content}
                  </a>
                ) : (
                  <span className="flex items-center gap-2 px-3 py-2">{content}</span>
                )}
              </li>
            );
          })}
        </ol>
      </nav>
    </>
  );
}
