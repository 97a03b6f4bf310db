import { spawn } from "node:child_process";

/**
 * Runs one step of the build as a process of its own, its output going
 * straight to the build's, and settles when it has exited: rejected, with
 * `what` in the message, unless it exited with status 0.
 */
export function runToEnd(what: string, command: string, args: string[]): Promise<void> {
  return new Promise((done, failed) => {
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", (error) => failed(new Error(`${what}: ${error.message}`)));
    child.on("close", (code, signal) => {
      if (code === 0) done();
      else failed(new Error(`${what} failed (${signal ?? `exit status ${code}`})`));
    });
  });
}
