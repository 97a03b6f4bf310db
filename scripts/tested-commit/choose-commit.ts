/**
 * Which commit a publish run may build, deploy and publish: decided here with no I/O, from what
 * the workflow knows (its event, ref and commit, main's tip) and the suite results of past runs.
 */

/** The job of the site workflow that runs the whole test suite. */
export const SUITE_JOB = "suite";

export const MAIN_REF = "refs/heads/main";

export interface SuiteRun {
  headSha: string;
  /** Conclusion of the run's suite job; null while it is still running. */
  suiteConclusion: string | null;
}

export interface PublishRequest {
  event: string;
  ref: string;
  sha: string;
  /** The commit main points at now. */
  mainTip: string;
  /** Runs of the site workflow for pushes to main, newest first. */
  suiteRuns: readonly SuiteRun[];
}

export type PublishDecision = { publish: true; sha: string; why: string } | { publish: false; why: string };

export function chooseCommit(request: PublishRequest): PublishDecision {
  if (request.ref !== MAIN_REF) {
    return { publish: false, why: `only main is deployed and published; this run is for ${request.ref}` };
  }
  if (request.event === "push") {
    // A push run's own suite gates it (`needs:`); a re-run of an old run must not roll the site back.
    if (request.sha !== request.mainTip) {
      return {
        publish: false,
        why: `${short(request.sha)} is no longer main's tip (${short(request.mainTip)}): the newer commit's run publishes`,
      };
    }
    return { publish: true, sha: request.sha, why: "this push's suite passed" };
  }
  if (request.event === "schedule" || request.event === "workflow_dispatch") {
    const tested = request.suiteRuns.find((run) => run.suiteConclusion === "success");
    if (!tested) return { publish: false, why: "no commit of main has passed the test suite yet" };
    return { publish: true, sha: tested.headSha, why: "main's newest commit whose suite passed" };
  }
  return { publish: false, why: `a ${request.event} run never publishes` };
}

const short = (sha: string) => sha.slice(0, 12);
