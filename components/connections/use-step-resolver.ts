"use client";

import * as React from "react";
import type { Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { ConnectionStepId } from "@/lib/connections/connection-steps";
import type { ConnectionFormValues, createConnectionSchemas } from "@/lib/schemas/connection";

type ConnectionSchemas = ReturnType<typeof createConnectionSchemas>;

/**
 * The wizard's resolver: it validates the slice of the step on screen (the whole connection on
 * Review). `validateStep` switches the slice before React renders the new step, so a check right
 * after a step change already uses that step's schema.
 */
export function useStepResolver(stepId: ConnectionStepId, schemas: ConnectionSchemas) {
  const current = React.useRef({ stepId, schemas });
  React.useEffect(() => {
    current.current = { stepId, schemas };
  }, [stepId, schemas]);
  const resolver = React.useCallback<Resolver<ConnectionFormValues>>((values, context, options) => {
    const { stepId: step, schemas: s } = current.current;
    const schema = step === "review" ? s.full : s.steps[step];
    const validate = zodResolver(schema as never, undefined, {
      raw: true,
    }) as unknown as Resolver<ConnectionFormValues>;
    return validate(values, context, options);
  }, []);
  const validateStep = React.useCallback((step: ConnectionStepId) => {
    current.current = { stepId: step, schemas: current.current.schemas };
  }, []);
  return { resolver, validateStep };
}
