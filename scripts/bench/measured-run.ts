import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/** How long a command took and the most memory it and its children held at once. */
export interface Measured {
  seconds: number;
  /** Peak resident memory of the process tree, sampled every `SAMPLE_MS`. */
  peakBytes: number;
  /** stdout and stderr as they came. */
  output: string;
}

const SAMPLE_MS = 100;

/** Each process's parent and resident memory, read from /proc (Linux). */
function processTable(): { pid: number; ppid: number; rssBytes: number }[] {
  const table: { pid: number; ppid: number; rssBytes: number }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, "utf8");
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      const rssKiB = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
      table.push({ pid: Number(entry), ppid, rssBytes: rssKiB * 1024 });
    } catch {
      // The process ended while we looked.
    }
  }
  return table;
}

/** Resident memory of `root` and all its descendants right now. */
function treeBytes(root: number): number {
  const table = processTable();
  const inTree = new Set([root]);
  // Parents may be listed after their children: repeat until no process joins.
  for (let grew = true; grew; ) {
    grew = false;
    for (const { pid, ppid } of table) {
      if (!inTree.has(pid) && inTree.has(ppid)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  return table.filter(({ pid }) => inTree.has(pid)).reduce((sum, { rssBytes }) => sum + rssBytes, 0);
}

/**
 * Runs a command to its end, timing it and sampling the memory of its
 * process tree (the build's node process and, say, Pagefind's service).
 * A failed command throws with what it printed.
 */
export function measuredRun(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let peakBytes = 0;
    const sample = () => {
      if (child.pid !== undefined) peakBytes = Math.max(peakBytes, treeBytes(child.pid));
    };
    const sampler = setInterval(sample, SAMPLE_MS);
    sample();
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", (error) => {
      clearInterval(sampler);
      reject(error);
    });
    child.on("close", (code) => {
      clearInterval(sampler);
      const seconds = (performance.now() - started) / 1000;
      if (code === 0) resolve({ seconds, peakBytes, output });
      else reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output}`));
    });
  });
}
