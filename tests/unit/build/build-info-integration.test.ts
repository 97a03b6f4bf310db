import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { AstroIntegration } from "astro";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BUILD_INFO_INTEGRATION, buildInfo } from "../../../src/integrations/build-info.ts";
import { BUILD_INFO_FILE, PENDING_BUILD_INFO_FILE, parseBuildInfo } from "../../../src/lib/build-info.ts";
import { addFiles } from "../../support/run-script.ts";

type BuildHook = "astro:config:setup" | "astro:config:done" | "astro:build:start" | "astro:build:done";
type HookArgs<K extends BuildHook> = Parameters<NonNullable<AstroIntegration["hooks"][K]>>[0];

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "step-build-info-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** The integration's hooks, run in the order `astro build` runs them, over a site folder holding `files`. */
async function astroBuild(files: Record<string, string>): Promise<string> {
  const siteDir = join(root, "dist");
  addFiles(root, { "content/news/2026/1201-a.md": "---\ntitle: a\n---\n" });
  mkdirSync(siteDir, { recursive: true });
  addFiles(siteDir, files);
  const { hooks } = buildInfo(join(root, "content"));
  const outDir = pathToFileURL(`${siteDir}/`);
  await hooks["astro:config:setup"]?.({ command: "build" } as HookArgs<"astro:config:setup">);
  await hooks["astro:config:done"]?.({
    config: { root: pathToFileURL(`${root}/`), outDir, integrations: [{ name: BUILD_INFO_INTEGRATION }] },
  } as unknown as HookArgs<"astro:config:done">);
  await hooks["astro:build:start"]?.({} as HookArgs<"astro:build:start">);
  await hooks["astro:build:done"]?.({ dir: outDir } as HookArgs<"astro:build:done">);
  return siteDir;
}

describe("the build-info integration", () => {
  it("leaves its record for npm run build to seal: astro build alone never writes build-info.json", async () => {
    const siteDir = await astroBuild({});
    expect(existsSync(join(siteDir, BUILD_INFO_FILE))).toBe(false);
    const record = parseBuildInfo(readFileSync(join(siteDir, PENDING_BUILD_INFO_FILE), "utf8"));
    expect(record).toMatchObject({ preview: false, feeds: {} });
  });

  it("removes an earlier build's seal when a build starts", async () => {
    const siteDir = await astroBuild({ [BUILD_INFO_FILE]: "{}\n" });
    expect(existsSync(join(siteDir, BUILD_INFO_FILE))).toBe(false);
  });
});
