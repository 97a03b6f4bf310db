import { resolve } from "node:path";

/** The checkout every command and harness works in, wherever it was started from. */
export const PROJECT_ROOT = resolve(import.meta.dirname, "../..");
