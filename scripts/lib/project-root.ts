import { join, resolve } from "node:path";

/** The checkout every command and harness works in, wherever it was started from. */
export const PROJECT_ROOT = resolve(import.meta.dirname, "../..");

/** The project's own Astro command line, run with `process.execPath` (the pinned Node). */
export const ASTRO_CLI = join(PROJECT_ROOT, "node_modules/astro/bin/astro.mjs");
