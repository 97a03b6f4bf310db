import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { tempSiteDir } from "../../../scripts/harness/build-site.ts";
import { childEnv } from "../../../scripts/harness/child-env.ts";
import { deployVariables, startSshServer, type TestSshServer } from "../../../scripts/harness/sshd.ts";
import { withBuildLock } from "../../../scripts/lib/build-lock.ts";
import { ASTRO_CLI, PROJECT_ROOT } from "../../../scripts/lib/project-root.ts";
import type { BuildInfo } from "../../../src/lib/build-info.ts";
import { addFiles, runCommand, type ScriptRun } from "../../support/run-script.ts";

let sshd: TestSshServer;
const siteDir = mkdtempSync(join(tmpdir(), "step-deploy-site-"));

/** A finished production build's seal, of a commit made at `date`. */
const buildInfo = (date: string, extra: Partial<BuildInfo> = {}): string =>
  `${JSON.stringify({
    builtAt: date,
    contentFingerprint: "x",
    commit: { id: `${date.slice(0, 10).replaceAll("-", "")}${"0".repeat(32)}`, date },
    preview: false,
    feeds: { "atom.xml": 0 },
    ...extra,
  } satisfies BuildInfo)}\n`;

beforeAll(async () => {
  sshd = await startSshServer();
  addFiles(siteDir, {
    "build-info.json": buildInfo("2026-01-01T00:00:00.000Z"),
    "index.html": "<h1>STEP.im</h1>\n",
    "blog/2018/0414-data/index.html": "<h1>データ</h1>\n",
  });
});
afterAll(async () => {
  await sshd?.stop();
  rmSync(siteDir, { recursive: true, force: true });
});

/** `npm run deploy` with the secrets CI gives it; `overrides` replace or (with "") blank them. */
function deploy(overrides: Record<string, string> = {}, args: string[] = []): Promise<ScriptRun> {
  const env = childEnv({ ...deployVariables(sshd, siteDir), ...overrides });
  return runCommand("bash", [join(PROJECT_ROOT, "scripts/deploy.sh"), ...args], env);
}

const deployed = (path: string) => join(sshd.webRoot, path);

describe("npm run deploy (rsync over SSH)", () => {
  it("copies dist/ to the web root, readable by the web server, removing pages that are gone", async () => {
    addFiles(sshd.webRoot, { "old-page/index.html": "removed post\n" });
    const run = await deploy();
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(readFileSync(deployed("blog/2018/0414-data/index.html"), "utf8")).toBe("<h1>データ</h1>\n");
    expect(existsSync(deployed("build-info.json"))).toBe(true);
    expect(existsSync(deployed("old-page/index.html"))).toBe(false);
    expect(statSync(deployed("index.html")).mode & 0o777).toBe(0o644);
    expect(statSync(deployed("blog")).mode & 0o777).toBe(0o755);
  });

  it("leaves unchanged pages untouched although the build gave them new times", async () => {
    const before = statSync(deployed("index.html"));
    utimesSync(join(siteDir, "index.html"), new Date(), new Date(Date.now() + 60_000));
    addFiles(siteDir, { "blog/2018/0414-data/index.html": "<h1>データ (更新)</h1>\n" });
    const run = await deploy();
    expect(run.code).toBe(0);
    expect(statSync(deployed("index.html")).ino).toBe(before.ino);
    expect(readFileSync(deployed("blog/2018/0414-data/index.html"), "utf8")).toBe("<h1>データ (更新)</h1>\n");
  });

  it("stops when the host presents a key other than the pinned one, and changes nothing", async () => {
    addFiles(siteDir, { "index.html": "<h1>must not arrive</h1>\n" });
    const run = await deploy({ DEPLOY_KNOWN_HOSTS: sshd.wrongKnownHostsLine });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED/);
    expect(readFileSync(deployed("index.html"), "utf8")).toBe("<h1>STEP.im</h1>\n");
  });

  it("never trusts an unknown host on first use", async () => {
    const run = await deploy({ DEPLOY_KNOWN_HOSTS: "" });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/Host key verification failed|No .* host key is known/);
    expect(readFileSync(deployed("index.html"), "utf8")).toBe("<h1>STEP.im</h1>\n");
  });

  it("refuses a site that was never (completely) built, and a missing target", async () => {
    const emptySite = mkdtempSync(join(tmpdir(), "step-deploy-empty-"));
    try {
      const unbuilt = await deploy({ STEP_OUT_DIR: emptySite });
      expect(unbuilt.code).toBe(1);
      expect(unbuilt.stderr).toContain("build-info.json is missing: run npm run build first");
    } finally {
      rmSync(emptySite, { recursive: true, force: true });
    }
    const noHost = await deploy({ DEPLOY_HOST: "" });
    expect(noHost.code).toBe(1);
    expect(noHost.stderr).toContain("DEPLOY_HOST is not set");
  });

  it("refuses a preview build, --force or not, saying how to make a production build", async () => {
    const preview = mkdtempSync(join(tmpdir(), "step-deploy-preview-"));
    try {
      addFiles(preview, {
        "build-info.json": buildInfo("2026-02-01T00:00:00.000Z", { preview: true }),
        "index.html": "<h1>下書き入り</h1>\n",
      });
      for (const args of [[], ["--force"]]) {
        const run = await deploy({ STEP_OUT_DIR: preview }, args);
        expect(run.code).toBe(2);
        expect(run.stderr).toBe(
          "deploy: this is a preview build (drafts and scheduled posts included) and is never deployed: make a production build with `npm run build` (STEP_PREVIEW unset) first\n",
        );
      }
      expect(readFileSync(deployed("index.html"), "utf8")).toBe("<h1>STEP.im</h1>\n");
    } finally {
      rmSync(preview, { recursive: true, force: true });
    }
  });

  it("does not replace a newer deployed build with an older one unless --force", async () => {
    const older = mkdtempSync(join(tmpdir(), "step-deploy-older-"));
    try {
      addFiles(sshd.webRoot, { "build-info.json": buildInfo("2026-03-01T00:00:00.000Z"), "newer/index.html": "新\n" });
      addFiles(older, { "build-info.json": buildInfo("2026-02-01T00:00:00.000Z"), "index.html": "<h1>古い</h1>\n" });
      const refused = await deploy({ STEP_OUT_DIR: older });
      expect(refused.code).toBe(3);
      expect(refused.stderr).toBe(
        "deploy: the web host serves commit 202603010000 (2026-03-01T00:00:00.000Z), newer than this build of commit 202602010000 (2026-02-01T00:00:00.000Z); --force replaces it anyway\n",
      );
      expect(existsSync(deployed("newer/index.html"))).toBe(true);
      expect(readFileSync(deployed("index.html"), "utf8")).toBe("<h1>STEP.im</h1>\n");

      const forced = await deploy({ STEP_OUT_DIR: older }, ["--force"]);
      expect(forced.code).toBe(0);
      expect(readFileSync(deployed("index.html"), "utf8")).toBe("<h1>古い</h1>\n");
      expect(existsSync(deployed("newer/index.html"))).toBe(false);
    } finally {
      rmSync(older, { recursive: true, force: true });
    }
  });

  it("refuses an unknown argument", async () => {
    const run = await deploy({}, ["--yes"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("deploy: unknown argument --yes (the only flag is --force)\n");
  });

  it("refuses a build stopped half-way, even over a complete earlier build in the same folder", async () => {
    const outDir = tempSiteDir("interrupted");
    try {
      cpSync(inject("realSiteDir"), outDir, { recursive: true });
      expect(existsSync(join(outDir, "build-info.json"))).toBe(true);
      const stopped = await buildKilledWhilePagesAreWritten(outDir);
      expect(stopped).toBe("SIGKILL");
      expect(existsSync(join(outDir, "build-info.json"))).toBe(false);
      const run = await deploy({ STEP_OUT_DIR: outDir });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("build-info.json is missing: run npm run build first");
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});

/** `astro build` into `outDir`, killed as soon as it starts writing pages: before any integration ran. */
function buildKilledWhilePagesAreWritten(outDir: string): Promise<NodeJS.Signals | number | null> {
  return withBuildLock(PROJECT_ROOT, async () => {
    const child = spawn(process.execPath, [ASTRO_CLI, "build"], {
      cwd: PROJECT_ROOT,
      env: childEnv({ STEP_OUT_DIR: outDir, STEP_CACHE_DIR: `${outDir}.cache`, ASTRO_TELEMETRY_DISABLED: "1" }),
      stdio: ["ignore", "pipe", "ignore"],
    });
    createInterface({ input: child.stdout }).on("line", (line) => {
      if (line.includes("generating static routes")) child.kill("SIGKILL");
    });
    try {
      return await new Promise((resolve) => child.once("close", (code, signal) => resolve(signal ?? code)));
    } finally {
      rmSync(`${outDir}.cache`, { recursive: true, force: true });
    }
  });
}
