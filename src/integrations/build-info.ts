import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import {
  BUILD_INFO_FILE,
  type BuildCommit,
  type BuildInfo,
  contentFingerprint,
  PENDING_BUILD_INFO_FILE,
  takeFeedEntries,
} from "../lib/build-info.ts";
import { previewWanted } from "./preview-mode.ts";

export const BUILD_INFO_INTEGRATION = "step-im:build-info";

/**
 * Records what a build was made from (content, commit, preview or not, feed
 * sizes). build-info.json is the build's seal: removed when a build starts,
 * and written by `npm run build` (scripts/build.ts) once the search index is in
 * place, from the record this integration leaves when the last integration is
 * done. A build that failed or was stopped half-way has none, and
 * `npm run deploy` and `npm run pubsub` refuse it.
 */
export function buildInfo(contentRoot: string): AstroIntegration {
  let preview = false;
  let root = process.cwd();
  let outDir: URL | undefined;
  return {
    name: BUILD_INFO_INTEGRATION,
    hooks: {
      "astro:config:setup": ({ command }) => {
        preview = previewWanted(command);
      },
      "astro:config:done": ({ config }) => {
        root = fileURLToPath(config.root);
        outDir = config.outDir;
        const last = config.integrations.at(-1)?.name;
        // Hooks run in the order of the list: only the last one's hook can be sure everything else is written.
        if (last !== BUILD_INFO_INTEGRATION) {
          throw new Error(
            `${BUILD_INFO_INTEGRATION} must be the last integration in astro.config.mjs (the last is ${last}): build-info.json has to be written after everything else`,
          );
        }
      },
      "astro:build:start": () => {
        // Astro empties the output folder too, unless told not to: the seal must not outlive its build either way.
        if (outDir) {
          for (const file of [BUILD_INFO_FILE, PENDING_BUILD_INFO_FILE]) rmSync(new URL(file, outDir), { force: true });
        }
        takeFeedEntries();
      },
      "astro:build:done": ({ dir }) => {
        const info: BuildInfo = {
          builtAt: new Date().toISOString(),
          contentFingerprint: contentFingerprint(contentRoot),
          ...optional("commit", headCommit(root)),
          preview,
          feeds: takeFeedEntries(),
        };
        writeFileSync(fileURLToPath(new URL(PENDING_BUILD_INFO_FILE, dir)), `${JSON.stringify(info, null, 2)}\n`);
      },
    },
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** HEAD of the checkout, or undefined outside git (a build from an unpacked archive). */
function headCommit(root: string): BuildCommit | undefined {
  try {
    // git's complaint outside a checkout is no news to the person building: the record just has no commit.
    const [id, date] = execFileSync("git", ["log", "-1", "--format=%H %cI"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    })
      .trim()
      .split(" ");
    return id && date ? { id, date: new Date(date).toISOString() } : undefined;
  } catch {
    return undefined;
  }
}
