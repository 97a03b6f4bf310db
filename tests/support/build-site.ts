import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { childEnv } from "./child-env.ts";

const run = promisify(execFile);
export const PROJECT_ROOT = resolve(import.meta.dirname, "../..");

/**
 * A fresh output folder for a test build. It must lie inside the project:
 * for an outDir elsewhere Astro puts its prerender chunks in the shared
 * `.astro/` folder, and two builds running at once then delete each other's.
 */
export function tempSiteDir(prefix = "site"): string {
  const parent = join(PROJECT_ROOT, ".tmp");
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, `${prefix}-`));
}

/**
 * Builds the site exactly as `npm run build` does, from `contentDir` into
 * `outDir` (a new `tempSiteDir()` unless given), and returns the output folder.
 * `env` adds variables for the build.
 */
export async function buildSite(
  contentDir: string,
  outDir = tempSiteDir(),
  env: Record<string, string> = {},
): Promise<string> {
  if (relative(PROJECT_ROOT, outDir).startsWith("..")) {
    throw new Error(`buildSite: ${outDir} is outside the project; use tempSiteDir() so parallel builds cannot collide`);
  }
  // A content cache of its own: Astro's shared one keeps an unchanged entry's old file path, so after a
  // build from a (since deleted) fixture copy of content/, the next build would look for its files there.
  const cacheDir = `${outDir}.cache`;
  await withBuildLock(async () => {
    try {
      await run(process.execPath, [join(PROJECT_ROOT, "node_modules/astro/bin/astro.mjs"), "build"], {
        cwd: PROJECT_ROOT,
        env: childEnv({
          ...env,
          STEP_CONTENT_DIR: contentDir,
          STEP_OUT_DIR: outDir,
          STEP_CACHE_DIR: cacheDir,
          ASTRO_TELEMETRY_DISABLED: "1",
        }),
        maxBuffer: 64 * 1024 * 1024,
      });
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
  return outDir;
}

const LOCK_DIR = join(PROJECT_ROOT, ".tmp", "build.lock");
const STALE_LOCK_MS = 10 * 60 * 1000;

/**
 * One build at a time across all test workers: every build rewrites the
 * project's `.astro/` folder (content modules, types), and two at once break
 * each other. `mkdir` is atomic, so the lock works across processes; a lock
 * left by a killed worker is taken over once it is stale.
 */
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  mkdirSync(dirname(LOCK_DIR), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const age = Date.now() - (statSync(LOCK_DIR, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) rmSync(LOCK_DIR, { recursive: true, force: true });
      await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

/** A temporary copy of the real `content/` to which a test may add or change files. */
export function copyOfContent(): string {
  const dir = mkdtempSync(join(tmpdir(), "step-content-"));
  cpSync(join(PROJECT_ROOT, "content"), dir, { recursive: true });
  return dir;
}
