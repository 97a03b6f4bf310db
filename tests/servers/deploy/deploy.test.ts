import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childEnv } from "../../../scripts/harness/child-env.ts";
import { startSshServer, type TestSshServer } from "../../../scripts/harness/sshd.ts";
import { PROJECT_ROOT } from "../../../scripts/lib/project-root.ts";
import { addFiles, runCommand, type ScriptRun } from "../../support/run-script.ts";

let sshd: TestSshServer;
const siteDir = mkdtempSync(join(tmpdir(), "step-deploy-site-"));

beforeAll(async () => {
  sshd = await startSshServer();
  addFiles(siteDir, {
    "build-info.json": '{"builtAt":"2026-01-01T00:00:00.000Z","contentFingerprint":"x"}\n',
    "index.html": "<h1>STEP.im</h1>\n",
    "blog/2018/0414-data/index.html": "<h1>データ</h1>\n",
  });
});
afterAll(async () => {
  await sshd?.stop();
  rmSync(siteDir, { recursive: true, force: true });
});

/** `npm run deploy` with the secrets CI gives it; `overrides` replace or (with "") blank them. */
function deploy(overrides: Record<string, string> = {}): Promise<ScriptRun> {
  const env = childEnv({
    DEPLOY_HOST: "127.0.0.1",
    DEPLOY_PORT: String(sshd.port),
    DEPLOY_USER: sshd.user,
    DEPLOY_PATH: sshd.webRoot,
    DEPLOY_SSH_KEY: sshd.clientKey,
    DEPLOY_KNOWN_HOSTS: sshd.knownHostsLine,
    STEP_OUT_DIR: siteDir,
    ...overrides,
  });
  return runCommand("bash", [join(PROJECT_ROOT, "scripts/deploy.sh")], env);
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
});
