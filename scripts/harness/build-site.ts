import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { withBuildLock } from "../lib/build-lock.ts";
import { BUILD_CLI, PROJECT_ROOT } from "../lib/project-root.ts";
import { childEnv } from "./child-env.ts";

const run = promisify(execFile);

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

/** A finished build: its output folder and everything the build printed. */
export interface SiteBuild {
  dir: string;
  /** stdout, then stderr. */
  output: string;
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
  return (await buildSiteWithOutput(contentDir, outDir, env)).dir;
}

/** `buildSite`, keeping what the build printed (tests read it for warnings). */
export async function buildSiteWithOutput(
  contentDir: string,
  outDir = tempSiteDir(),
  env: Record<string, string> = {},
): Promise<SiteBuild> {
  return withSiteBuild(contentDir, outDir, env, async ({ command, args, options }) => {
    const { stdout, stderr } = await run(command, args, { ...options, maxBuffer: 64 * 1024 * 1024 });
    return { dir: outDir, output: `${stdout}${stderr}` };
  });
}

/** The `npm run build` command line for one site build, for `withSiteBuild` to run. */
export interface SiteBuildCommand {
  command: string;
  args: string[];
  options: { cwd: string; env: NodeJS.ProcessEnv };
}

/**
 * Prepares a build of `contentDir` into `outDir` and lets `runBuild` run it (the
 * benchmarks time it and watch its memory): one build at a time, each with a
 * content cache of its own, removed afterwards.
 */
export async function withSiteBuild<T>(
  contentDir: string,
  outDir: string,
  env: Record<string, string>,
  runBuild: (build: SiteBuildCommand) => Promise<T>,
): Promise<T> {
  if (relative(PROJECT_ROOT, outDir).startsWith("..")) {
    throw new Error(`buildSite: ${outDir} is outside the project; use tempSiteDir() so parallel builds cannot collide`);
  }
  // A content cache of its own: Astro's shared one keeps an unchanged entry's old file path, so after a
  // build from a (since deleted) fixture copy of content/, the next build would look for its files there.
  const cacheDir = `${outDir}.cache`;
  return withBuildLock(PROJECT_ROOT, async () => {
    try {
      return await runBuild({
        command: process.execPath,
        args: [BUILD_CLI],
        options: {
          cwd: PROJECT_ROOT,
          env: childEnv({
            ...env,
            STEP_CONTENT_DIR: contentDir,
            STEP_OUT_DIR: outDir,
            STEP_CACHE_DIR: cacheDir,
            ASTRO_TELEMETRY_DISABLED: "1",
          }),
        },
      });
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
}

/** A temporary copy of the real `content/` to which a test may add or change files. */
export function copyOfContent(): string {
  const dir = mkdtempSync(join(tmpdir(), "step-content-"));
  cpSync(join(PROJECT_ROOT, "content"), dir, { recursive: true });
  return dir;
}
