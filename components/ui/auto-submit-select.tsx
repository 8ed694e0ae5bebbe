"use client";

import * as React from "react";
import { NativeSelect } from "@/components/ui/input";

/** A select in a GET filter form that applies as soon as it changes (without JavaScript, the form's button still submits). */
export function AutoSubmitSelect(props: React.ComponentProps<typeof NativeSelect>) {
  return <NativeSelect {...props} onChange={(event) => event.currentTarget.form?.requestSubmit()} />;
}
