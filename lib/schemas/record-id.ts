import { z } from "zod";

/** The id of a stored record (connection, test run, user, API key) as actions receive it from the browser. */
export const recordIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
