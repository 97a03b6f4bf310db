import { execFileSync } from "node:child_process";
import { appendFileSync } from "node:fs";
import { chooseCommit, MAIN_REF, SUITE_JOB, type SuiteRun } from "./tested-commit/choose-commit.ts";

/**
 * Used by the site workflow's publish job before anything is installed (plain Node, built-ins only):
 * prints the commit to publish and writes `sha=` to $GITHUB_OUTPUT, or exits 1 saying why not.
 * Scheduled and manual runs ask the Actions API which of main's commits last passed the suite.
 */
const env = process.env;
const required = (name: string): string => {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set (this runs inside the site workflow)`);
  return value;
};

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${required("GITHUB_API_URL")}${path}`, {
    headers: { Authorization: `Bearer ${required("GITHUB_TOKEN")}`, Accept: "application/vnd.github+json" },
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

async function suiteRuns(repository: string): Promise<SuiteRun[]> {
  const { workflow_runs: runs } = await api<{ workflow_runs: { id: number; head_sha: string }[] }>(
    `/repos/${repository}/actions/workflows/site.yml/runs?branch=main&event=push&per_page=20`,
  );
  const results: SuiteRun[] = [];
  for (const run of runs) {
    const { jobs } = await api<{ jobs: { name: string; conclusion: string | null }[] }>(
      `/repos/${repository}/actions/runs/${run.id}/jobs`,
    );
    results.push({
      headSha: run.head_sha,
      suiteConclusion: jobs.find((job) => job.name === SUITE_JOB)?.conclusion ?? null,
    });
  }
  return results;
}

async function main(): Promise<number> {
  const mainTip = execFileSync("git", ["ls-remote", "origin", MAIN_REF], { encoding: "utf8" }).split(/\s/)[0] ?? "";
  const event = required("GITHUB_EVENT_NAME");
  const decision = chooseCommit({
    event,
    ref: required("GITHUB_REF"),
    sha: required("GITHUB_SHA"),
    mainTip,
    suiteRuns: event === "push" ? [] : await suiteRuns(required("GITHUB_REPOSITORY")),
  });
  if (!decision.publish) {
    console.error(`::error::not publishing: ${decision.why}`);
    return 1;
  }
  console.log(`publishing ${decision.sha}: ${decision.why}`);
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `sha=${decision.sha}\n`);
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  // Nothing is published when the choice cannot be made: an unreadable API is no licence to guess.
  console.error(
    `::error::cannot choose the commit to publish: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
}
