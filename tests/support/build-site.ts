import { execFile } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
export const PROJECT_ROOT = resolve(import.meta.dirname, "../..");

/**
 * Builds the site exactly as `npm run build` does, from `contentDir` into
 * `outDir`, and returns `outDir`. `env` adds variables for the build.
 */
export async function buildSite(contentDir: string, outDir: string, env: Record<string, string> = {}): Promise<string> {
  await run(process.execPath, [join(PROJECT_ROOT, "node_modules/astro/bin/astro.mjs"), "build"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env, STEP_CONTENT_DIR: contentDir, STEP_OUT_DIR: outDir, ASTRO_TELEMETRY_DISABLED: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return outDir;
}

/** A temporary copy of the real `content/` to which a test may add or change files. */
export function copyOfContent(): string {
  const dir = mkdtempSync(join(tmpdir(), "step-content-"));
  cpSync(join(PROJECT_ROOT, "content"), dir, { recursive: true });
  return dir;
}
