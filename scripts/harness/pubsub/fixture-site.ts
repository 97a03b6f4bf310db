import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Element } from "@xmpp/xml";
import { atomEntry, postAtomId } from "../../../src/lib/atom/entry.ts";
import { atomFeedXml } from "../../../src/lib/atom/feed.ts";
import { BUILD_INFO_FILE, type BuildInfo, contentFingerprint } from "../../../src/lib/build-info.ts";
import { itemIdFromAtomId } from "../../pubsub/item-id.ts";

/** A post for a fixture feed; dates are ISO instants. */
export interface FixturePost {
  slug: string;
  published: string;
  updated?: string;
  title?: string;
  body?: string;
}

const SITE = "https://step.im/";
const AUTHOR = { name: "STEP.im 管理者", uri: SITE };

/** `blog` for news posts, `status` for incidents and maintenance: the first segment of the path. */
export type FixtureSection = "blog" | "status";

const urlPath = (post: FixturePost, section: FixtureSection) => {
  const [year, month, day] = post.published.slice(0, 10).split("-");
  return `/${section}/${year}/${month}${day}-${post.slug}/`;
};

export const atomIdOf = (post: FixturePost, section: FixtureSection = "blog") =>
  postAtomId("step.im", post.published.slice(0, 10), urlPath(post, section));
export const itemIdOf = (post: FixturePost, section: FixtureSection = "blog") =>
  itemIdFromAtomId(atomIdOf(post, section));

/** The post's entry, made by the site's own atomEntry. */
function fixtureEntry(post: FixturePost, section: FixtureSection = "blog"): Element {
  return atomEntry(
    {
      id: atomIdOf(post, section),
      title: post.title ?? `お知らせ ${post.slug}`,
      url: new URL(urlPath(post, section), SITE).href,
      published: new Date(post.published),
      updated: new Date(post.updated ?? post.published),
      summary: `${post.slug} の要約`,
      contentHtml: post.body ?? `<p>${post.slug} の本文 &amp; <a href="${SITE}">リンク</a></p>`,
      categories: ["お知らせ"],
    },
    AUTHOR,
  );
}

/** The entry's XML, exactly as the feed (and so the PubSub payload) carries it. */
export const entryXml = (post: FixturePost, section: FixtureSection = "blog") => fixtureEntry(post, section).toString();

/** How a fixture build differs from a finished production build of the current commit. */
export interface FixtureBuild {
  /** The commit's date; by default the time of writing, so each build is newer than the last. */
  committed?: Date;
  preview?: boolean;
  /** The entry count build-info.json records for atom.xml (default: the posts written). */
  entries?: number;
  /** Incidents and maintenance for `status/atom.xml` (default: none, the usual state). */
  status?: readonly FixturePost[];
}

/**
 * Writes what `npm run build` would leave for the publisher: `atom.xml` with
 * these posts (newest first, built by the site's own atomEntry/atomFeedXml)
 * and a `build-info.json` that matches `contentRoot`, so the site is current.
 */
/** One feed of a fixture build, newest first, built by the site's own atomEntry/atomFeedXml. */
function writeFeed(file: string, title: string, posts: readonly FixturePost[], section: FixtureSection): void {
  const newestFirst = [...posts].sort((a, b) => b.published.localeCompare(a.published));
  const self = new URL(`${section === "blog" ? "" : `${section}/`}atom.xml`, SITE).href;
  const head = { id: SITE, title, subtitle: "テスト", siteUrl: SITE, selfUrl: self, author: AUTHOR };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    atomFeedXml(
      head,
      newestFirst.map((post) => fixtureEntry(post, section)),
    ),
  );
}

export function writeFixtureSite(
  posts: readonly FixturePost[],
  contentRoot: string,
  siteDir?: string,
  build: FixtureBuild = {},
): string {
  const dir = siteDir ?? mkdtempSync(join(tmpdir(), "step-pubsub-site-"));
  mkdirSync(dir, { recursive: true });
  writeFeed(join(dir, "atom.xml"), "STEP.im お知らせ", posts, "blog");
  writeFeed(join(dir, "status", "atom.xml"), "STEP.im 障害情報", build.status ?? [], "status");
  const committed = (build.committed ?? new Date()).toISOString();
  const info: BuildInfo = {
    builtAt: new Date().toISOString(),
    contentFingerprint: contentFingerprint(contentRoot),
    commit: { id: createHash("sha1").update(committed).digest("hex"), date: committed },
    preview: build.preview ?? false,
    feeds: { "atom.xml": build.entries ?? posts.length, "status/atom.xml": build.status?.length ?? 0 },
  };
  writeFileSync(join(dir, BUILD_INFO_FILE), `${JSON.stringify(info, null, 2)}\n`);
  return dir;
}
