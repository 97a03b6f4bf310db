import { type BuildInfo, PRODUCTION_BUILD_ADVICE } from "../../src/lib/build-info.ts";

export type DeployDecision = { ok: true } | { ok: false; exit: "badInput" | "refused"; reason: string };

const describe = (info: BuildInfo) =>
  info.commit
    ? `commit ${info.commit.id.slice(0, 12)} (${info.commit.date})`
    : `an unknown commit (built ${info.builtAt})`;

/**
 * Whether `local` may replace what the web host serves (`deployed`: its
 * build-info.json, undefined when there is none, a string when unreadable).
 * A preview build never goes out; an older build replaces a newer one only
 * with `--force`, since the deploy deletes what the older build lacks.
 */
export function deployDecision(
  local: BuildInfo,
  deployed: BuildInfo | string | undefined,
  force: boolean,
): DeployDecision {
  if (local.preview) {
    return {
      ok: false,
      exit: "badInput",
      reason: `this is a preview build (drafts and scheduled posts included) and is never deployed: ${PRODUCTION_BUILD_ADVICE}`,
    };
  }
  if (deployed === undefined || force) return { ok: true };
  const override = "--force replaces it anyway";
  if (typeof deployed === "string") {
    return {
      ok: false,
      exit: "refused",
      reason: `the web host's build-info.json is unreadable (${deployed}); ${override}`,
    };
  }
  if (deployed.commit && !local.commit) {
    return {
      ok: false,
      exit: "refused",
      reason: `this build does not record its commit and the web host serves ${describe(deployed)}; ${override}`,
    };
  }
  if (deployed.commit && local.commit && new Date(deployed.commit.date) > new Date(local.commit.date)) {
    return {
      ok: false,
      exit: "refused",
      reason: `the web host serves ${describe(deployed)}, newer than this build of ${describe(local)}; ${override}`,
    };
  }
  return { ok: true };
}
