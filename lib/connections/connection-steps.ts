/** The wizard's steps, in order; each field names the one that holds it (lib/connections/fields/). */
export const CONNECTION_STEPS = [
  { id: "settings", title: "Connection settings" },
  { id: "grant", title: "Grant type" },
  { id: "endpoints", title: "Endpoints" },
  { id: "client", title: "Client" },
  { id: "tokens", title: "Tokens" },
  { id: "review", title: "Review" },
] as const;

export type ConnectionStepId = (typeof CONNECTION_STEPS)[number]["id"];
export type EditableStepId = Exclude<ConnectionStepId, "review">;
