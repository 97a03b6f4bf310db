import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * Astro keeps per-build state inside the project whatever the output folder:
 * the content data store (node_modules/.astro), the MDX module list (.astro/)
 * and, for an output folder outside the project, the prerender chunks
 * (.astro/.prerender). Two builds at once overwrite each other's, and one may
 * render the other's content. Every build or sync run from a script takes
 * this lock first, so they run one at a time.
 */
export async function withBuildLock<T>(projectRoot: string, work: () => Promise<T>): Promise<T> {
  const lock = join(projectRoot, "node_modules", ".astro-build.lock");
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, "pid"), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (holderIsGone(lock)) rmSync(lock, { recursive: true, force: true });
      else await sleep(250);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A lock left by a process that no longer runs (killed mid-build) must not block forever. */
function holderIsGone(lock: string): boolean {
  try {
    const pid = Number(readFileSync(join(lock, "pid"), "utf8"));
    process.kill(pid, 0);
    return false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ESRCH") return true;
    // No pid file yet: its holder is between mkdir and write, unless that was long ago.
    if (code === "ENOENT") return ageMs(lock) > 10_000;
    return false;
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}
