import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { PROJECT_ROOT } from "../../lib/project-root.ts";

export interface CliResult {
  /** Exit code, or the signal's name when the test killed it. */
  exit: number | string;
  stdout: string;
  stderr: string;
}

/** The CLI's whole environment; a variable set to undefined is left out. */
export type CliEnv = Record<string, string | undefined>;

export interface CliRun {
  /** Called with each stdout line as it is printed (e.g. to stop a server half-way through a run). */
  onLine?: (line: string, kill: (signal: NodeJS.Signals) => void) => void;
  timeoutMs?: number;
}

/**
 * Runs `npm run pubsub` as CI would: a separate Node process (so it reads
 * NODE_EXTRA_CA_CERTS at start-up) with only the environment given here.
 */
export function runPubsub(args: readonly string[], env: CliEnv, run: CliRun = {}): Promise<CliResult> {
  const given = Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined);
  const child = spawn(process.execPath, [join(PROJECT_ROOT, "scripts/pubsub.ts"), ...args], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp", ...Object.fromEntries(given) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const kill = (signal: NodeJS.Signals) => child.kill(signal);
  const stdout: string[] = [];
  let stderr = "";
  createInterface({ input: child.stdout }).on("line", (line) => {
    stdout.push(line);
    run.onLine?.(line, kill);
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const timer = setTimeout(() => kill("SIGKILL"), run.timeoutMs ?? 90_000);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ exit: signal ?? code ?? -1, stdout: stdout.join("\n"), stderr });
    });
  });
}
