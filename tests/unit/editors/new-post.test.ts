import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { toJstDateString } from "../../../src/lib/dates/jst.ts";
import { expectedEntryPath } from "../../../src/lib/news/post-path.ts";
import { readPost } from "../../../src/lib/news/read-post.ts";
import { addFiles, runScript } from "../../support/run-script.ts";

const contentDir = mkdtempSync(join(tmpdir(), "step-new-post-"));
const newsDir = join(contentDir, "news");
afterAll(() => rmSync(contentDir, { recursive: true, force: true }));

const newPost = (...args: string[]) => runScript("scripts/new-post.ts", args, { STEP_CONTENT_DIR: contentDir });

/** Every file under news/, hidden ones included: nothing may be left behind. */
const newsFiles = () => (existsSync(newsDir) ? readdirSync(newsDir, { recursive: true }).map(String).sort() : []);

describe("npm run new", () => {
  it("creates today's post (Japan time) as a complete, valid draft", async () => {
    const before = toJstDateString(new Date());
    const run = await newPost("first-post", "初めての", "記事");
    const after = toJstDateString(new Date());
    expect(run.code).toBe(0);
    // Midnight in Japan may pass during the run; either day is right, nothing else is.
    const candidates = [before, after].map(
      (day) => `${day.slice(0, 4)}/${day.slice(5, 7)}${day.slice(8)}-first-post.md`,
    );
    const entry = candidates.find((path) => existsSync(join(newsDir, path)));
    expect(entry, `one of ${candidates.join(", ")}`).toBeDefined();
    const file = join(newsDir, entry as string);

    const { path, data } = readPost(newsDir, file);
    expect(data.title).toBe("初めての 記事");
    expect(data.draft).toBe(true);
    expect(data.tags).toEqual([]);
    expect([before, after]).toContain(toJstDateString(data.date));
    expect(entry).toBe(expectedEntryPath(data.date, "first-post"));
    expect(run.stdout).toContain(entry);
    expect(run.stdout).toContain(`/blog/${path.id}/`);
    expect(run.stdout).toContain("下書き");
    expect(readFileSync(file, "utf8")).toContain("# description:");
  });

  it("keeps a title with YAML's special characters exactly", async () => {
    const title = `新サーバー: 移行 #1 "引用" 'と' [括弧] & <b>`;
    const run = await newPost("--date", "2026-03-01", "special-title", title);
    expect(run.code).toBe(0);
    expect(readPost(newsDir, join(newsDir, "2026/0301-special-title.md")).data.title).toBe(title);
  });

  it("without a title writes a placeholder the check recognises", async () => {
    const run = await newPost("--date", "2026-03-02", "untitled");
    expect(run.code).toBe(0);
    const { data } = readPost(newsDir, join(newsDir, "2026/0302-untitled.md"));
    expect(data.title).toContain("題名");
    expect(data.draft).toBe(true);
  });

  it("--date starts a scheduled post on that day and time, --mdx an MDX file", async () => {
    const run = await newPost("year-end", "年末のお知らせ", "--date", "2099-12-31T18:00", "--mdx");
    expect(run.code).toBe(0);
    const { data } = readPost(newsDir, join(newsDir, "2099/1231-year-end.mdx"));
    expect(data.date.toISOString()).toBe("2099-12-31T09:00:00.000Z");
  });

  it("refuses to overwrite a post, or to add a second file for the same URL", async () => {
    const mine = "---\ntitle: 書きかけ\ndate: 2026-04-01\n---\n\n大事な本文\n";
    addFiles(newsDir, { "2026/0401-taken.md": mine });
    for (const args of [["taken"], ["taken", "--mdx"]]) {
      const run = await newPost("--date", "2026-04-01", ...args);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("2026/0401-taken.md はもうあります");
      expect(run.stderr).toContain("上書きしません");
    }
    expect(readFileSync(join(newsDir, "2026/0401-taken.md"), "utf8")).toBe(mine);
    expect(existsSync(join(newsDir, "2026/0401-taken.mdx"))).toBe(false);
  });

  it.each([
    ["Hello", "例えば hello としてください"],
    ["hello world", "例えば hello-world としてください"],
    ["under_score", "例えば under-score としてください"],
    ["post.md", "例えば post としてください"],
    ["日本語の記事", "日本語や記号は使えません"],
    ["v2.0", "例えば v2-0 としてください"],
    ["trailing-", "例えば trailing としてください"],
    ["double--hyphen", "例えば double-hyphen としてください"],
    ["../escape", "例えば escape としてください"],
  ])("rejects the slug %j with a Japanese explanation", async (slug, hint) => {
    const before = newsFiles();
    const run = await newPost("--date", "2026-05-01", slug);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`スラッグ「${slug}」は URL に使えません`);
    expect(run.stderr).toContain("半角の英小文字・数字");
    expect(run.stderr).toContain(hint);
    expect(newsFiles()).toEqual(before);
  });

  it("rejects an impossible --date, a missing slug and an unknown option", async () => {
    const badDate = await newPost("--date", "2018-13-40", "some-post");
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toContain("日付「2018-13-40」は読めません");
    const noSlug = await newPost();
    expect(noSlug.code).toBe(1);
    expect(noSlug.stderr).toContain("スラッグがありません");
    expect(noSlug.stderr).toContain("使い方");
    const unknown = await newPost("--draft", "x");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("引数が正しくありません");
  });

  it("leaves no temporary files behind", () => {
    expect(newsFiles().filter((name) => name.split("/").some((part) => part.startsWith(".")))).toEqual([]);
  });
});
