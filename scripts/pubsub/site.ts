import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BUILD_INFO_FILE, type BuildInfo, contentFingerprint } from "../../src/lib/build-info.ts";
import { shownPath } from "../../src/lib/files/shown-path.ts";
import { Failure } from "../lib/failure.ts";
import { type BuiltFeed, parseFeed } from "./feed-entries.ts";

const FEED_FILE = "atom.xml";

/**
 * The posts of the built site in `siteDir`, refusing a missing build and one
 * made from other content than `contentRoot` holds now (publishing an old
 * build could retract posts that exist).
 */
export function readBuiltSite(siteDir: string, contentRoot: string): BuiltFeed {
  const feedFile = join(siteDir, FEED_FILE);
  const infoFile = join(siteDir, BUILD_INFO_FILE);
  if (!existsSync(feedFile)) throw new Failure("input", `${shownPath(feedFile)} not found: run npm run build first`);
  if (!existsSync(infoFile)) throw new Failure("input", `${shownPath(infoFile)} not found: run npm run build first`);
  let info: Partial<BuildInfo>;
  try {
    info = JSON.parse(readFileSync(infoFile, "utf8")) as Partial<BuildInfo>;
  } catch (error) {
    throw new Failure(
      "input",
      `${shownPath(infoFile)} is not valid JSON (${(error as Error).message}): run npm run build`,
    );
  }
  if (info.contentFingerprint !== contentFingerprint(contentRoot)) {
    throw new Failure(
      "input",
      `${shownPath(siteDir)} is stale: ${shownPath(contentRoot)} changed after the build of ${info.builtAt ?? "unknown date"}; run npm run build first`,
    );
  }
  return parseFeed(readFileSync(feedFile, "utf8"), shownPath(feedFile));
}
