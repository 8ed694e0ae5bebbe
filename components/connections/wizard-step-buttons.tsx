import { Button } from "@/components/ui/button";

export type WizardBusy = "next" | "save" | "save-and-test" | null;

/** Back, and Next (the form's submit) or on Review the two saves; each says "Saving…" while it runs. */
export function WizardStepButtons({
  canGoBack,
  onReview,
  busy,
  onBack,
  onSave,
}: {
  canGoBack: boolean;
  onReview: boolean;
  busy: WizardBusy;
  onBack: () => void;
  onSave: (andTest: boolean) => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2 border-t pt-4">
      {canGoBack ? (
        <Button variant="outline" onClick={onBack} disabled={Boolean(busy)}>
          Back
        </Button>
      ) : null}
      <div className="ml-auto flex flex-wrap gap-2">
        {onReview ? (
          <>
            <Button variant="outline" onClick={() => onSave(false)} disabled={Boolean(busy)}>
              {busy === "save" ? "Saving…" : "Save"}
            </Button>
            <Button onClick={() => onSave(true)} disabled={Boolean(busy)}>
              {busy === "save-and-test" ? "Saving…" : "Save and test connection"}
            </Button>
          </>
        ) : (
          <Button type="submit" disabled={Boolean(busy)}>
            {busy === "next" ? "Saving…" : "Next"}
          </Button>
        )}
      </div>
    </div>
  );
}
