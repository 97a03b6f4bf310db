import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "../../support/run-script.ts";

/**
 * The publish job's first step, run as the workflow runs it: a checkout whose `origin` has a main
 * branch, and a stand-in for the Actions API on loopback (the real one cannot be reached here).
 */
const work = mkdtempSync(join(tmpdir(), "step-tested-commit-"));
const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8" }).trim();
let tip = "";
let older = "";
let api: Server;
let apiUrl = "";
const apiRequests: string[] = [];

beforeAll(async () => {
  const origin = join(work, "origin");
  git(work, "init", "-q", "-b", "main", origin);
  git(origin, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "--allow-empty", "-m", "one");
  older = git(origin, "rev-parse", "HEAD");
  git(origin, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "--allow-empty", "-m", "two");
  tip = git(origin, "rev-parse", "HEAD");
  git(work, "clone", "-q", origin, join(work, "checkout"));
  api = createServer((request, response) => {
    apiRequests.push(`${request.headers.authorization} ${request.url}`);
    const body = request.url?.includes("/workflows/site.yml/runs")
      ? {
          workflow_runs: [
            { id: 2, head_sha: tip },
            { id: 1, head_sha: older },
          ],
        }
      : { jobs: [{ name: "suite", conclusion: request.url?.includes("/runs/2/") ? "failure" : "success" }] };
    response.setHeader("Content-Type", "application/json");
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});

afterAll(() => {
  api?.close();
  rmSync(work, { recursive: true, force: true });
});

async function choose(env: Record<string, string>) {
  const output = join(work, `output-${apiRequests.length}-${Math.random()}`);
  writeFileSync(output, "");
  const run = await runCommand(
    process.execPath,
    [join(import.meta.dirname, "../../../scripts/tested-commit.ts")],
    {
      PATH: process.env.PATH,
      GITHUB_API_URL: apiUrl,
      GITHUB_TOKEN: "t0ken",
      GITHUB_REPOSITORY: "step/site",
      GITHUB_REF: "refs/heads/main",
      GITHUB_OUTPUT: output,
      ...env,
    },
    join(work, "checkout"),
  );
  return { ...run, output: readFileSync(output, "utf8") };
}

describe("scripts/tested-commit.ts in the publish job", () => {
  it("publishes a push of main's tip", async () => {
    const run = await choose({ GITHUB_EVENT_NAME: "push", GITHUB_SHA: tip });
    expect(run.code).toBe(0);
    expect(run.output).toBe(`sha=${tip}\n`);
  });

  it("refuses a re-run of an older push, with the reason", async () => {
    const run = await choose({ GITHUB_EVENT_NAME: "push", GITHUB_SHA: older });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("is no longer main's tip");
    expect(run.output).toBe("");
  });

  it("on a schedule asks the API and picks the newest commit whose suite passed", async () => {
    const run = await choose({ GITHUB_EVENT_NAME: "schedule", GITHUB_SHA: tip });
    expect(run.code).toBe(0);
    expect(run.output).toBe(`sha=${older}\n`);
    expect(apiRequests).toContain(
      "Bearer t0ken /repos/step/site/actions/workflows/site.yml/runs?branch=main&event=push&per_page=20",
    );
  });

  it("publishes nothing when the API cannot be read", async () => {
    const run = await choose({ GITHUB_EVENT_NAME: "schedule", GITHUB_SHA: tip, GITHUB_API_URL: "http://127.0.0.1:9" });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^::error::cannot choose the commit to publish/m);
    expect(run.output).toBe("");
  });
});
