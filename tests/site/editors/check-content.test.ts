import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyOfContent } from "../../../scripts/harness/build-site.ts";
import { newPostText } from "../../../scripts/lib/post-template.ts";
import { addFiles, post, problemsFor, runScript, type ScriptRun, shownFrom } from "../../support/run-script.ts";

/**
 * A new editor's first dozen mistakes, each in its own file of an otherwise
 * correct copy of the site's content. `npm run check` must name every one —
 * the file, the line, the field — in Japanese with the fix.
 */
const BROKEN: Record<string, string> = {
  "news/2026/0101-no-title.md": post("date: 2026-01-01"),
  "news/2026/0102-bad-date.md": post("title: 日付\ndate: 2018-13-40"),
  "news/2026/0103-mismatch.md": post("title: ずれ\ndate: 2026-01-04"),
  "news/2026/0105-tags-text.md": post("title: タグ\ndate: 2026-01-05\ntags: お知らせ"),
  "news/2026/0106-tags-number.md": post("title: タグ\ndate: 2026-01-06\ntags: [2018]"),
  "news/2026/0107-twice.md": post("title: 一つ目\ndate: 2026-01-07"),
  "news/2026/0107-twice.mdx": post("title: 二つ目\ndate: 2026-01-07"),
  "news/2026/0108-unclosed.md": post('title: "閉じ忘れ\ndate: 2026-01-08'),
  "news/2026/0109-colon.md": post("title: 新サーバー: 移行のお知らせ\ndate: 2026-01-09"),
  "news/2026/0110-no-frontmatter.md": "# 見出しだけ\n\n本文\n",
  "news/2026/0111-unknown.md": post("title: 項目\ndate: 2026-01-11\nauthor: 山田"),
  "news/2026/0112-Bad_Name.md": post("title: 名前\ndate: 2026-01-12"),
  "news/2026/0113-draft-yes.md": post("title: 下書き\ndate: 2026-01-13\ndraft: yes"),
  "news/2026/0114-tab.md": post("title: タブ\ndate: 2026-01-14\ntags:\n\t- a"),
  "news/2026/photo.png": "not really a picture",
  "news/2026/0115-unfinished.md": newPostText({ title: undefined, date: "2026-01-15" }).replace(/^draft: true\n/m, ""),
  "guides/Setup_Guide.mdx": "---\ntitle: 手引き\ndescription: 説明\norder: 9\n---\n",
  "guides/no-order.mdx": "---\ntitle: 手引き\ndescription: 説明\n---\n",
};

let contentDir = "";
let run: ScriptRun;
const problems = (path: string) => problemsFor(run.stdout, shownFrom(contentDir, path));

beforeAll(async () => {
  contentDir = copyOfContent();
  addFiles(contentDir, BROKEN);
  const serverYaml = join(contentDir, "server.yaml");
  writeFileSync(
    serverYaml,
    readFileSync(serverYaml, "utf8").replace("  url: https://step.im\n", "  url: http://step.im\n"),
  );
  run = await runScript("scripts/check.ts", [], { STEP_CONTENT_DIR: contentDir });
});
afterAll(() => rmSync(contentDir, { recursive: true, force: true }));

describe("npm run check on a dozen broken posts", () => {
  it("fails, and does not build or type-check content it knows is broken", () => {
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("内容の問題を直すと、続けて検査します");
    expect(run.stdout).toMatch(/✗ 問題が \d+ 件あります/);
  });

  it.each([
    ["a missing title", "news/2026/0101-no-title.md", ":2: title: タイトルがありません"],
    ["the date 2018-13-40", "news/2026/0102-bad-date.md", ":3: date: 「2018-13-40」は日付として読めません"],
    [
      "a date that disagrees with the path",
      "news/2026/0103-mismatch.md",
      ":3: date: date (2026-01-04) とファイルの場所",
    ],
    ["tags written as text", "news/2026/0105-tags-text.md", ":4: tags: tags は [お知らせ, IRC] のようなリストで"],
    [
      "a tag that is a number",
      "news/2026/0106-tags-number.md",
      ':4: tags.0: タグは文字で書いてください。数字だけのタグは "2018"',
    ],
    ["an unclosed quote", "news/2026/0108-unclosed.md", ":3: YAML: YAML の書き方に誤りがあります: 引用符"],
    ["a colon inside a title", "news/2026/0109-colon.md", ":2: YAML: YAML の書き方に誤りがあります: 値の中に「: 」"],
    [
      "missing front matter",
      "news/2026/0110-no-frontmatter.md",
      ":1: front matter: 先頭に --- で囲んだ front matter がありません",
    ],
    ["an unknown field", "news/2026/0111-unknown.md", ":4: author: 知らない項目です"],
    ["a file name that cannot be a URL", "news/2026/0112-Bad_Name.md", ": ファイル名 (file name): 記事のファイルは"],
    ["draft: yes", "news/2026/0113-draft-yes.md", ":4: draft: draft は true か false です"],
    [
      "a tab in the indentation",
      "news/2026/0114-tab.md",
      ":5: YAML: YAML の書き方に誤りがあります: 字下げにタブは使えません",
    ],
    ["an image among the posts", "news/2026/photo.png", ": ファイル名 (file name): 記事は .md か .mdx のファイルです"],
    [
      "a published post with npm run new's placeholder",
      "news/2026/0115-unfinished.md",
      ":2: title: npm run new が書いた仮の文",
    ],
    [
      "a guide file name that cannot be a URL",
      "guides/Setup_Guide.mdx",
      ": ファイル名 (file name): ファイル名「Setup_Guide」",
    ],
    ["a guide without its order", "guides/no-order.mdx", ":2: order: order は並び順の数字です"],
  ])("names %s: file, line, field and the Japanese message", (_, path, expected) => {
    const found = problems(path);
    expect(found.join("\n")).toContain(`${shownFrom(contentDir, path)}${expected}`);
  });

  it("names the field of server.yaml on its line", () => {
    const line = readFileSync(join(contentDir, "server.yaml"), "utf8").split("\n").indexOf("  url: http://step.im") + 1;
    expect(problems("server.yaml")).toEqual([
      expect.stringContaining(`${shownFrom(contentDir, "server.yaml")}:${line}: site.url: https:// で始まる URL`),
    ]);
  });

  it.each([
    [
      "the fix for a date/path mismatch",
      "news/2026/0103-mismatch.md",
      "ファイルを content/news/2026/0104-mismatch.md に移して",
    ],
    ["how to quote a title with a colon", "news/2026/0109-colon.md", '値全体を "…" で囲んでください'],
    [
      "the fields that exist",
      "news/2026/0111-unknown.md",
      "使える項目: title, date, updated, description, tags, draft",
    ],
    ["where images go", "news/2026/photo.png", "public/images/年/"],
    ["to keep a half-written post a draft", "news/2026/0115-unfinished.md", "draft: true のままに"],
  ])("says how to fix it: %s", (_, path, hint) => {
    const hints = problems(path).map((problem) => problem.split("\n→ ")[1] ?? "");
    expect(hints).toContainEqual(expect.stringContaining(hint));
  });

  it("names both files that claim one URL", () => {
    const [duplicate] = problems("news/2026/0107-twice.md");
    expect(duplicate).toContain("同じ URL /blog/2026/0107-twice/ になるファイルが 2 つあります");
    expect(duplicate).toContain(shownFrom(contentDir, "news/2026/0107-twice.mdx"));
  });

  it("collects every problem of a file, and blames no correct file", () => {
    expect(problems("news/2026/0106-tags-number.md")).toHaveLength(1);
    expect(problems("news/2018/0414-data.md")).toEqual([]);
    expect(problems("pages/privacy.mdx")).toEqual([]);
    const reported = run.stdout.split("\n").filter((line) => line.trim().startsWith("✗ ") && line.includes(":"));
    expect(reported.length).toBeGreaterThanOrEqual(Object.keys(BROKEN).length - 1);
  });
});
