import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/** The commit a build was made from, with its committer date (what "older" means between builds). */
export interface BuildCommit {
  id: string;
  date: string;
}

/**
 * Written last into the built site, after every integration and the search
 * index: its presence says the build finished, and later steps (publisher,
 * deploy) read what the build was made from.
 */
export interface BuildInfo {
  builtAt: string;
  contentFingerprint: string;
  /** Absent outside a git checkout. */
  commit?: BuildCommit;
  /** A preview build (STEP_PREVIEW=1) shows drafts and scheduled posts: never published or deployed. */
  preview: boolean;
  /** Entries of each feed, keyed by its path in the site (`atom.xml`), as the feed's route counted them. */
  feeds: Record<string, number>;
}

export const BUILD_INFO_FILE = "build-info.json";

/**
 * What `astro build` leaves for `npm run build` to seal: the same record, under
 * a name no reader accepts, until the search index is written beside it.
 */
export const PENDING_BUILD_INFO_FILE = ".build-info.pending.json";

/** How every refusal of a preview build (publisher, deploy) ends. */
export const PRODUCTION_BUILD_ADVICE = "make a production build with `npm run build` (STEP_PREVIEW unset) first";

/** A hash of every file under the content folder, by path and bytes. */
export function contentFingerprint(dir: string): string {
  const hash = createHash("sha256");
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) {
    hash.update(relative(dir, file).replaceAll("\\", "/"));
    hash.update("\0");
    hash.update(readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/**
 * Feed routes and the build-info integration are loaded as different module
 * instances (the page bundle and the config), but run in one process during
 * a build: the counts meet on a process-wide registry.
 */
const FEED_COUNTS = Symbol.for("step-im.build-info.feed-entries");

type CountRegistry = { [FEED_COUNTS]?: Map<string, number> };

function feedCounts(): Map<string, number> {
  const registry = globalThis as CountRegistry;
  registry[FEED_COUNTS] ??= new Map();
  return registry[FEED_COUNTS];
}

/** Called by a feed route as it renders: `path` is the feed's path in the site, without the leading slash. */
export function registerFeedEntries(path: string, entries: number): void {
  feedCounts().set(path, entries);
}

/** Every count registered since the last call, which empties the registry for the next build. */
export function takeFeedEntries(): Record<string, number> {
  const counts = Object.fromEntries([...feedCounts()].sort(([a], [b]) => a.localeCompare(b)));
  feedCounts().clear();
  return counts;
}

/**
 * A build-info.json as written by the build, or why it is not one. Files
 * from before commits and feed counts were recorded are refused too: the
 * guards that read them would have nothing to go on.
 */
export function parseBuildInfo(text: string): BuildInfo | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `not valid JSON (${(error as Error).message})`;
  }
  const info = value as Partial<BuildInfo> | null;
  if (typeof info !== "object" || info === null) return "not a JSON object";
  if (typeof info.builtAt !== "string" || typeof info.contentFingerprint !== "string") {
    return "builtAt or contentFingerprint is missing";
  }
  if (typeof info.preview !== "boolean") return "preview is missing (written by an older build)";
  const feeds = info.feeds;
  if (typeof feeds !== "object" || feeds === null || Object.values(feeds).some((n) => !Number.isInteger(n))) {
    return "feeds is missing or not a map of entry counts";
  }
  const commit = info.commit;
  if (commit !== undefined && (typeof commit.id !== "string" || Number.isNaN(new Date(commit.date).getTime()))) {
    return "commit is not an id and a date";
  }
  return info as BuildInfo;
}
