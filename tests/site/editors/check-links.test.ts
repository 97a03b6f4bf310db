import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyOfContent } from "../../../scripts/harness/build-site.ts";
import { addFiles, post, problemsFor, runScript, type ScriptRun, shownFrom } from "../../support/run-script.ts";

const fixtures: string[] = [];
afterAll(() => {
  for (const dir of fixtures) rmSync(dir, { recursive: true, force: true });
});

/** `npm run check` on a copy of the site's content with `files` added. */
async function checkWith(files: Record<string, string>): Promise<{ run: ScriptRun; shown: (path: string) => string }> {
  const contentDir = copyOfContent();
  fixtures.push(contentDir);
  addFiles(contentDir, files);
  const run = await runScript("scripts/check.ts", [], { STEP_CONTENT_DIR: contentDir });
  return { run, shown: (path) => shownFrom(contentDir, path) };
}

// One link per line, so every problem must name its own line.
const LINKS_BODY = [
  "- [ない記事](/blog/2018/0414-nodata/)",
  "- [WordPress 時代の URL](/blog/2018/04/14/data/)",
  "- [末尾の / なし](/blog/2018/0414-data)",
  "- [ない見出し](/privacy/#nonexistent)",
  "- [下書きへ](/blog/2026/0202-draft/)",
  "- [予約投稿へ](/blog/2099/0101-future/)",
  "- ![ない画像](/images/2026/none.png)",
  "- [絶対 URL で、ない記事](https://step.im/blog/2018/0414-nothing/)",
  "- [ないタグ](/tags/存在しないタグ/)",
  "- [正しい記事](/blog/2018/0414-data/) [相対](../../2018/0810-irc/) [画像](/favicon.svg) [見出し](/privacy/#第三者への提供)",
  "- [外のサイト](https://example.com/nowhere/) [登録ページ](https://step.im/register/) [タグ](/tags/お知らせ/)",
].join("\n");
const FIRST_LINK_LINE = 6;

describe("npm run check: links", () => {
  let run: ScriptRun;
  let shown: (path: string) => string;
  const linksOf = (path: string) => problemsFor(run.stdout, shown(path));

  beforeAll(async () => {
    ({ run, shown } = await checkWith({
      "news/2026/0201-links.md": post("title: リンク集\ndate: 2026-02-01", LINKS_BODY),
      "news/2026/0202-draft.md": post("title: 下書き\ndate: 2026-02-02\ndraft: true", "[どこにもない](/nowhere/)"),
      "news/2099/0101-future.md": post("title: 未来\ndate: 2099-01-01", "[下書きへ](/blog/2026/0202-draft/)"),
    }));
  });

  it("fails the check", () => {
    expect(run.code).toBe(1);
  });

  it.each([
    [0, "リンク先 /blog/2018/0414-nodata/ のページがありません"],
    [1, "リンク先 /blog/2018/04/14/data/ のページがありません"],
    [2, "リンク /blog/2018/0414-data の末尾に / がありません"],
    [3, "リンク先 /privacy/ に #nonexistent という見出しがありません"],
    [4, "リンク先 /blog/2026/0202-draft/ は下書き (draft: true) の記事で、公開されたサイトにはありません"],
    [5, "リンク先 /blog/2099/0101-future/ は 2099-01-01T00:00:00+09:00 に公開予定"],
    [6, "リンク先 /images/2026/none.png のページがありません"],
    [7, "リンク先 https://step.im/blog/2018/0414-nothing/ のページがありません"],
    [8, "リンク先 /tags/存在しないタグ/ のページがありません"],
  ])("names the file and line of broken link %i", (index, message) => {
    const line = FIRST_LINK_LINE + index;
    expect(linksOf("news/2026/0201-links.md")).toContainEqual(
      expect.stringContaining(`${shown("news/2026/0201-links.md")}:${line}: リンク (link): ${message}`),
    );
  });

  it("reports nothing for the correct links, other sites and pages served beside the site", () => {
    const reportedLines = linksOf("news/2026/0201-links.md").map((problem) => Number(problem.split(":")[1]));
    expect(reportedLines.sort((a, b) => a - b)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  it("suggests the page an old or mistyped URL meant, and the headings that exist", () => {
    const problems = linksOf("news/2026/0201-links.md");
    expect(problems.find((p) => p.includes("/blog/2018/04/14/data/"))).toContain("→ もしかして: /blog/2018/0414-data/");
    expect(problems.find((p) => p.includes("末尾"))).toContain("→ /blog/2018/0414-data/ と書いてください");
    expect(problems.find((p) => p.includes("#nonexistent"))).toContain("#第三者への提供");
  });

  it("checks the links of drafts too, and lets a draft link anywhere unpublished", () => {
    expect(linksOf("news/2026/0202-draft.md")).toEqual([
      expect.stringContaining(":7: リンク (link): リンク先 /nowhere/ のページがありません"),
    ]);
  });

  it("catches a scheduled post that links to a draft", () => {
    expect(linksOf("news/2099/0101-future.md")).toEqual([
      expect.stringContaining(":6: リンク (link): リンク先 /blog/2026/0202-draft/ は下書き"),
    ]);
  });
});

describe("npm run check: MDX the build cannot compile", () => {
  it("names an unknown component where it is used, with the ones that exist", async () => {
    const { run, shown } = await checkWith({
      "news/2026/0301-typo.mdx": post("title: 部品\ndate: 2026-03-01", "公開談話室は <PublicRoomlink /> です。"),
    });
    expect(run.code).toBe(1);
    const [problem, ...others] = problemsFor(run.stdout, shown("news/2026/0301-typo.mdx"));
    expect(others).toEqual([]);
    expect(problem).toContain(":6: MDX の部品 (component): <PublicRoomlink> という部品はありません");
    expect(problem).toMatch(/→ 使える部品: .*PublicRoomLink/);
  });

  it("names the line of an MDX syntax error and explains { and <", async () => {
    const { run, shown } = await checkWith({
      "news/2026/0302-brace.mdx": post(
        "title: 波括弧\ndate: 2026-03-02",
        "設定は {key: value} のように書きます。\n\n閉じない { です。",
      ),
    });
    expect(run.code).toBe(1);
    const [problem] = problemsFor(run.stdout, shown("news/2026/0302-brace.mdx"));
    expect(problem).toMatch(/:\d+: 本文 \(body\): 本文を読めません/);
    expect(problem).toContain("→ MDX では { } と < > が特別な意味を持ちます");
  });
});

describe("npm run check on the site's own content", () => {
  it("passes: content, astro check, build and every link", async () => {
    const run = await runScript("scripts/check.ts", []);
    expect(run.stdout).toContain("✓ 問題はありません。commit して大丈夫です");
    expect(run.code).toBe(0);
  });
});
