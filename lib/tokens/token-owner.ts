/** Owner key of a Shared connection's token set (Per-user sets use the user id). No imports: safe for client bundles. */
export const SHARED_OWNER = "shared";
