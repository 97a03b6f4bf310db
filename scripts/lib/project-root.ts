import { join, resolve } from "node:path";

/** The checkout every command and harness works in, wherever it was started from. */
export const PROJECT_ROOT = resolve(import.meta.dirname, "../..");

/** `npm run build` itself, run with `process.execPath`: Astro, the search index, the seal. */
export const BUILD_CLI = join(PROJECT_ROOT, "scripts/build.ts");

/** The project's own Astro command line, run with `process.execPath` (the pinned Node). */
export const ASTRO_CLI = join(PROJECT_ROOT, "node_modules/astro/bin/astro.mjs");
