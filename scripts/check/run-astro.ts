import { spawn } from "node:child_process";
import { stripVTControlCharacters } from "node:util";
import { withBuildLock } from "../lib/build-lock.ts";
import { ASTRO_CLI, PROJECT_ROOT } from "../lib/project-root.ts";

export interface ToolRun {
  ok: boolean;
  /** stdout and stderr as they came, for the editor to read when something failed. */
  output: string;
}

/** Runs the project's own `astro` CLI (`check`, `build`) in the project root, without colours, one at a time. */
export function runAstro(args: string[], env: Record<string, string> = {}): Promise<ToolRun> {
  return withBuildLock(PROJECT_ROOT, () => spawnAstro(args, env));
}

function spawnAstro(args: string[], env: Record<string, string>): Promise<ToolRun> {
  return new Promise((done, failed) => {
    const child = spawn(process.execPath, [ASTRO_CLI, ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1", NO_COLOR: "1", FORCE_COLOR: "0", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", failed);
    // `astro check` colours its diagnostics whatever NO_COLOR says.
    child.on("close", (code) => done({ ok: code === 0, output: stripVTControlCharacters(output) }));
  });
}
