import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { childEnv } from "../../scripts/harness/child-env.ts";
import { PROJECT_ROOT } from "../../scripts/lib/project-root.ts";

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `command` in `cwd` (the project root unless given) and collects what it printed. */
export function runCommand(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string = PROJECT_ROOT,
): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs one of the project's scripts as `npm run` would: Node 24, in the project root. */
export function runScript(script: string, args: string[], env: Record<string, string> = {}): Promise<ScriptRun> {
  return runCommand(process.execPath, [join(PROJECT_ROOT, script), ...args], childEnv(env));
}

/** Writes `files` (path relative to `root` → text) into `root`. */
export function addFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

/** How the scripts name a file: relative to the project root they run in. */
export const shownFrom = (root: string, path: string) => relative(PROJECT_ROOT, join(root, path));

/** A news post's text with the given front matter lines and body. */
export const post = (frontmatter: string, body = "本文です。") => `---\n${frontmatter}\n---\n\n${body}\n`;

/**
 * The report lines `npm run check` printed for one file: each problem is
 * `✗ file:line: field: message` followed by its `→ hint` line.
 */
export function problemsFor(output: string, file: string): string[] {
  const lines = output.split("\n");
  return lines.flatMap((line, index) => {
    const text = line.trim();
    if (!text.startsWith(`✗ ${file}:`)) return [];
    const hint = lines[index + 1]?.trim().startsWith("→") ? `\n${lines[index + 1]?.trim()}` : "";
    return [text + hint];
  });
}
