import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

/** A server the tests started: they must stop it, also when a test fails. */
export interface ServerProcess {
  readonly child: ChildProcess;
  /** Resolves when the process has ended (with its exit code or signal). */
  readonly exited: Promise<string>;
  /** SIGTERM, then SIGKILL if it has not gone after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<ChildProcess>();
// A test worker that dies or is torn down must not leave its servers behind on the shared machine.
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** Starts `command` with its output appended to `outputFile` (kept for the failure message). */
export function spawnServer(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; outputFile: string },
): ServerProcess {
  const output = openSync(options.outputFile, "a");
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", output, output],
  });
  closeSync(output);
  running.add(child);
  const exited = new Promise<string>((resolve) => {
    child.once("exit", (code, signal) => {
      running.delete(child);
      resolve(signal ?? `exit code ${code}`);
    });
    child.once("error", (error) => {
      running.delete(child);
      resolve(error.message);
    });
  });
  return {
    child,
    exited,
    async stop(graceMs = 10_000) {
      if (!running.has(child)) return;
      child.kill("SIGTERM");
      const gone = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
      if (!gone) {
        child.kill("SIGKILL");
        await exited;
      }
    },
  };
}

/**
 * Polls `ready` until it returns true; fails early if the server exits, and
 * after `timeoutMs` with `describe()` (typically the server's log) in the message.
 */
export async function waitUntilReady(
  server: ServerProcess,
  ready: () => boolean | Promise<boolean>,
  { timeoutMs, what, describe }: { timeoutMs: number; what: string; describe: () => string },
): Promise<void> {
  let exitedWith: string | undefined;
  void server.exited.then((how) => {
    exitedWith = how;
  });
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (exitedWith !== undefined) throw new Error(`${what} exited (${exitedWith}) while starting:\n${describe()}`);
    if (await ready()) return;
    await sleep(100);
  }
  throw new Error(`${what} was not ready within ${timeoutMs / 1000} s:\n${describe()}`);
}

const readLog = (logFile: string) => (existsSync(logFile) ? readFileSync(logFile, "utf8") : "");

/**
 * Starts a server with `spawn` and waits until the lines `logFile` gains from
 * then on satisfy `ready`. The log's length is taken before the spawn: a server
 * quicker than this process would otherwise write its "listening" lines before
 * they are looked for, and never be seen as ready. A line matching `portTaken`
 * becomes a PortTakenError (so the caller can retry with other ports); on any
 * failure the process is stopped before rethrowing.
 */
export async function startAndWaitForLog(
  spawn: () => ServerProcess,
  logFile: string,
  options: { what: string; timeoutMs: number; portTaken: RegExp; ready: (fresh: string) => boolean },
): Promise<ServerProcess> {
  const offset = readLog(logFile).length;
  const server = spawn();
  const fresh = () => readLog(logFile).slice(offset);
  await waitUntilReady(
    server,
    () => {
      if (options.portTaken.test(fresh())) throw new PortTakenError(fresh());
      return options.ready(fresh());
    },
    { timeoutMs: options.timeoutMs, what: options.what, describe: fresh },
  ).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  return server;
}

/** The server could not bind a port that was free a moment ago: another test took it in between. */
export class PortTakenError extends Error {}

/**
 * Runs `start` (which picks free ports, writes its configuration and starts
 * the server) up to three times while the only failure is a port taken in the
 * meantime; on any other failure, or the last one, removes `dir` and rethrows.
 */
export async function startWithPortRetries(dir: string, start: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await start();
      return;
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt === 3) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
}
