import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CheckedPostFile, ContentReport } from "../../../scripts/check/check-content.ts";
import { readBuiltPages } from "../../../scripts/check/links/built-site.ts";
import { checkLinks } from "../../../scripts/check/links/check-links.ts";
import { unpublishedFault } from "../../../scripts/check/links/link-faults.ts";
import { addFiles } from "../../support/run-script.ts";

const NOW = new Date("2026-06-01T00:00:00Z");
const postAt = (status: CheckedPostFile["status"], iso: string): CheckedPostFile => ({
  collection: "news",
  file: `/content/news/${iso}.md`,
  url: `/blog/${iso}/`,
  status,
  date: new Date(iso),
});

describe("which links reach a page too early", () => {
  const publicPost = postAt("public", "2026-01-01T00:00:00Z");
  const soon = postAt("scheduled", "2026-07-01T00:00:00Z");
  const later = postAt("scheduled", "2026-08-01T00:00:00Z");
  const draft = postAt("draft", "2026-01-02T00:00:00Z");

  it.each([
    ["a public post → a public post", publicPost, publicPost, false],
    ["a public post → a scheduled post", publicPost, soon, true],
    ["a public post → a draft", publicPost, draft, true],
    ["a guide (no post) → a scheduled post", undefined, soon, true],
    ["a scheduled post → one published before it", later, soon, false],
    ["a scheduled post → one published after it", soon, later, true],
    ["a scheduled post → a draft", soon, draft, true],
    ["a draft → anything unpublished (checked when it is published)", draft, later, false],
    ["any page → a page that is no post", publicPost, undefined, false],
  ])("%s: %s", (_, from, target, early) => {
    expect(unpublishedFault(from, target, NOW) !== undefined).toBe(early);
  });
});

describe("links the templates make", () => {
  const siteDir = mkdtempSync(join(tmpdir(), "step-links-"));
  afterAll(() => rmSync(siteDir, { recursive: true, force: true }));

  it("are reported once, with the pages they are on, and never blamed on an editor's file", () => {
    const nav = '<nav><a href="/gone/">gone</a> <a href="https://step.im/register/">登録</a></nav>';
    addFiles(siteDir, {
      "index.html": `<html><body>${nav}</body></html>`,
      "blog/index.html": `<html><body>${nav}</body></html>`,
      "tags/index.html": `<html><body>${nav}<a href="/blog/">ok</a></body></html>`,
    });
    const content: ContentReport = { problems: [], fileCount: 0, posts: [], pages: [] };
    const site = {
      distDir: siteDir,
      siteUrl: new URL("https://step.im"),
      pages: readBuiltPages(siteDir),
      servedElsewhere: ["/register/"],
    };
    const problems = checkLinks(site, content, NOW);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain("リンク先 /gone/ のページがありません");
    expect(problems[0]?.message).toContain("テンプレートか MDX の部品が作るリンクです (ほか 2 ページ)");
    expect(problems[0]?.hint).toContain("src/ のテンプレートか部品の誤り");
  });
});
