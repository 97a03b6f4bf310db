import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { stripVTControlCharacters } from "node:util";
import type { AstroIntegration } from "astro";
import { describe, expect, inject, it } from "vitest";
import { pagefindIndex } from "../../../src/integrations/pagefind.ts";
import { addFiles } from "../../support/run-script.ts";

/** Astro's `[WARN]`, Node's `(node:123) Warning:`, Vite's and Rolldown's warnings all say so. */
const WARNING = /\bwarn(ing)?s?\b/i;

describe("npm run build on the real content", () => {
  const lines = stripVTControlCharacters(inject("realSiteBuildOutput")).split("\n");

  it("prints no warning", () => {
    expect(lines.some((line) => line.includes("Complete!"))).toBe(true);
    expect(lines.filter((line) => WARNING.test(line))).toEqual([]);
  });
});

type BuildDone = NonNullable<AstroIntegration["hooks"]["astro:build:done"]>;

/** This process's children that still run (a child that exited but was not yet reaped is a zombie, `Z`). */
function runningChildren(): { pid: number; program: string }[] {
  const children: { pid: number; program: string }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // `pid (comm) state ppid …`; comm may hold spaces and parentheses, so read after the last ")".
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(ppid) === process.pid && state !== "Z") {
        children.push({ pid: Number(entry), program: basename(readlinkSync(`/proc/${entry}/exe`)) });
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return children;
}

async function pagefindChildrenAfter(ms: number): Promise<string[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const left = runningChildren().filter(({ program }) => program.startsWith("pagefind"));
    if (left.length === 0 || Date.now() > deadline) return left.map(({ pid, program }) => `${program} (${pid})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the Pagefind step of the build", () => {
  it("indexes the site and then stops the Pagefind service it started", async () => {
    const siteDir = mkdtempSync(join(tmpdir(), "step-pagefind-"));
    try {
      addFiles(siteDir, {
        "index.html": '<html lang="ja"><body><main data-pagefind-body><h1>証明書の更新</h1></main></body></html>\n',
        "blog/index.html": '<html lang="ja"><body><main data-pagefind-body><h1>お知らせ</h1></main></body></html>\n',
      });
      const logged: string[] = [];
      const logger = { info: (message: string) => logged.push(message) };
      const buildDone = pagefindIndex().hooks["astro:build:done"] as BuildDone;
      await buildDone({ dir: pathToFileURL(`${siteDir}/`), logger } as unknown as Parameters<BuildDone>[0]);

      expect(logged.join("\n")).toContain("read 2 HTML files");
      expect(existsSync(join(siteDir, "pagefind", "pagefind.js"))).toBe(true);
      // A service still running here would outlive the build in any process that builds in-process.
      expect(await pagefindChildrenAfter(5_000)).toEqual([]);
    } finally {
      rmSync(siteDir, { recursive: true, force: true });
    }
  });
});
