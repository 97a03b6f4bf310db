import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  BUILD_INFO_FILE,
  type BuildInfo,
  contentFingerprint,
  PRODUCTION_BUILD_ADVICE,
  parseBuildInfo,
} from "../../src/lib/build-info.ts";
import { shownPath } from "../../src/lib/files/shown-path.ts";
import { Failure } from "../lib/failure.ts";
import { type BuiltFeed, parseFeed } from "./feed-entries.ts";

export interface BuiltSite<F extends { path: string }> {
  info: BuildInfo;
  /** Each feed asked for, with what the build wrote at its path. */
  feeds: (F & { built: BuiltFeed })[];
}

/**
 * The built site in `siteDir` and its feeds at `feedPaths`, refusing a
 * missing or unfinished build, a preview build, one made from other content
 * than `contentRoot` holds now, and a feed whose entries are not the number
 * its route counted (a cut-off file must not read as a shorter feed).
 * `wanted` are the feeds by their paths in the site.
 */
export function readBuiltSite<F extends { path: string }>(
  siteDir: string,
  contentRoot: string,
  wanted: readonly F[],
): BuiltSite<F> {
  const infoFile = join(siteDir, BUILD_INFO_FILE);
  if (!existsSync(infoFile)) {
    throw new Failure(
      "input",
      `${shownPath(infoFile)} not found: the build is missing or did not finish; run npm run build first`,
    );
  }
  const info = parseBuildInfo(readFileSync(infoFile, "utf8"));
  if (typeof info === "string") throw new Failure("input", `${shownPath(infoFile)}: ${info}; run npm run build`);
  if (info.preview) {
    throw new Failure(
      "input",
      `${shownPath(siteDir)} is a preview build (drafts and scheduled posts included) and is never published: ${PRODUCTION_BUILD_ADVICE}`,
    );
  }
  if (info.contentFingerprint !== contentFingerprint(contentRoot)) {
    throw new Failure(
      "input",
      `${shownPath(siteDir)} is stale: ${shownPath(contentRoot)} changed after the build of ${info.builtAt}; run npm run build first`,
    );
  }
  const feeds: BuiltSite<F>["feeds"] = [];
  for (const feedWanted of wanted) {
    const { path } = feedWanted;
    const file = join(siteDir, path);
    if (!existsSync(file)) throw new Failure("input", `${shownPath(file)} not found: run npm run build first`);
    const expected = info.feeds[path];
    if (expected === undefined) {
      throw new Failure("input", `${shownPath(infoFile)} records no entry count for ${path}; run npm run build`);
    }
    const feed = parseFeed(readFileSync(file, "utf8"), shownPath(file));
    if (feed.posts.length !== expected) {
      throw new Failure(
        "input",
        `${shownPath(file)} has ${feed.posts.length} entries but the build rendered ${expected}: the file is damaged or from another build; run npm run build`,
      );
    }
    feeds.push({ ...feedWanted, built: feed });
  }
  return { info, feeds };
}
