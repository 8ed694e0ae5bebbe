"use client";

import * as React from "react";
import { toast } from "sonner";
import { Alert, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormattedDate } from "@/components/ui/formatted-date";
import type { UseFormReturn } from "react-hook-form";
import {
  CONNECTION_FIELD_LABELS,
  changedFields,
  fieldsToTakeFromTheirs,
  type ConnectionFormValues,
} from "@/lib/schemas/connection";
import type { ConnectionSnapshot } from "@/lib/connections/connection-record";
import { getConnectionSnapshotAction } from "@/app/(console)/connections/actions";

type ConflictState = { message: string; snapshot?: ConnectionSnapshot };

/**
 * "Keep my edits": fields the other admin changed that this form left as loaded take their
 * value, everything typed here stays. Returns the labels of the fields taken from theirs.
 */
function keepMyEdits(
  form: UseFormReturn<ConnectionFormValues>,
  baseline: ConnectionFormValues,
  theirs: ConnectionFormValues,
): string[] {
  const taken = fieldsToTakeFromTheirs(baseline, form.getValues(), theirs);
  for (const key of taken) form.setValue(key, theirs[key] as never, { shouldDirty: true });
  return taken.map((key) => CONNECTION_FIELD_LABELS[key]);
}

/**
 * The conflict flow of both connection forms (wizard and edit): `open` shows the notice and loads
 * the other save; either choice then hands its snapshot to `adopt`, so the form's next save names
 * that version. `notice` is the element to render.
 */
export function useConflictNotice({
  form,
  baseline,
  adopt,
}: {
  form: UseFormReturn<ConnectionFormValues>;
  baseline: ConnectionFormValues;
  adopt: (snapshot: ConnectionSnapshot) => void;
}) {
  const [conflict, setConflict] = React.useState<ConflictState>();

  async function open(message: string, connectionId: string | undefined) {
    setConflict({ message });
    if (!connectionId) return;
    const snapshot = await getConnectionSnapshotAction({ connectionId });
    if (snapshot.ok) setConflict({ message, snapshot: snapshot.data });
  }

  function resolve(apply: (snapshot: ConnectionSnapshot) => void) {
    const snapshot = conflict?.snapshot;
    if (snapshot) {
      apply(snapshot);
      adopt(snapshot);
    }
    setConflict(undefined);
  }

  const notice = conflict ? (
    <ConflictNotice
      conflict={conflict}
      baseline={baseline}
      onKeepMine={() =>
        resolve((snapshot) => {
          const taken = keepMyEdits(form, baseline, snapshot.values);
          toast.info(
            taken.length
              ? `Your edits are kept, and their changes to ${taken.join(", ")} are applied. Review them and save again.`
              : "Your edits are kept. Review them and save again.",
          );
        })
      }
      onLoadTheirs={() => resolve((snapshot) => form.reset(snapshot.values))}
    />
  ) : null;
  return { open, notice };
}

/**
 * Shown when someone else saved the connection after this form loaded it. The form keeps every
 * value typed; the admin chooses to keep theirs (and save again) or load the other version.
 */
function ConflictNotice({
  conflict,
  baseline,
  onKeepMine,
  onLoadTheirs,
}: {
  conflict: ConflictState;
  baseline: ConnectionFormValues;
  onKeepMine: () => void;
  onLoadTheirs: () => void;
}) {
  const { snapshot } = conflict;
  const theirChanges = snapshot ? changedFields(baseline, snapshot.values) : [];
  return (
    <Alert variant="destructive" data-testid="conflict-notice">
      <AlertTitle>Someone else saved this connection</AlertTitle>
      {snapshot ? (
        <p>
          {snapshot.updatedBy ?? "Someone"} changed this connection at <FormattedDate value={snapshot.updatedAt} /> —
          review their changes; your edits are kept.
        </p>
      ) : (
        <p>{conflict.message}</p>
      )}
      {snapshot ? (
        <p className="mt-2">
          {theirChanges.length > 0 ? (
            <>
              They changed: {theirChanges.map((f) => CONNECTION_FIELD_LABELS[f]).join(", ")}. Keep my edits takes their
              value wherever you left a field as it was, keeps everything you typed, and lets you save again.
            </>
          ) : (
            <>Their save changed no field you can see here (for example the secret or the enabled state).</>
          )}
        </p>
      ) : null}
      {snapshot ? (
        <div className="mt-3 flex flex-wrap gap-2">
          <Button size="sm" onClick={onKeepMine}>
            Keep my edits
          </Button>
          <Button size="sm" variant="outline" onClick={onLoadTheirs}>
            Discard my edits and load theirs
          </Button>
        </div>
      ) : null}
    </Alert>
  );
}
