"use client";

import * as React from "react";

/**
 * A create dialog's state: whether it is open and what it created. Closing forgets what was
 * created, because that is a secret shown once.
 */
export function useCreateDialog<Created>() {
  const [open, setOpen] = React.useState(false);
  const [created, setCreated] = React.useState<Created>();
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) setCreated(undefined);
  };
  return { open, onOpenChange, created, setCreated };
}
