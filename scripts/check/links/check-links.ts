import { readFileSync } from "node:fs";
import { toJstIsoString } from "../../../src/lib/dates/jst.ts";
import { shownPath } from "../../../src/lib/files/shown-path.ts";
import type { ContentProblem } from "../../../src/lib/validation/content-error.ts";
import type { CheckedPostFile, ContentPage, ContentReport } from "../check-content.ts";
import { type BuiltSite, internalUrl, type LinkFault, linkFault, safeDecode, unpublishedFault } from "./link-faults.ts";

const FIELD = "リンク (link)";

/** The 1-based line of `source` where the link is written, trying the forms Markdown may have encoded. */
function lineOfHref(source: string, href: string): number | undefined {
  const forms = [href, safeDecode(href), href.replaceAll("&", "&amp;")];
  const index = source.split("\n").findIndex((line) => forms.some((form) => line.includes(form)));
  return index < 0 ? undefined : index + 1;
}

function describe(fault: LinkFault, href: string, url: URL): { message: string; hint: string } {
  switch (fault.kind) {
    case "missing":
      return {
        message: `リンク先 ${href} のページがありません (broken link)`,
        hint:
          fault.suggestions.length > 0
            ? `もしかして: ${fault.suggestions.join(" / ")}`
            : "URL を確かめてください。記事は /blog/年/月日-スラッグ/、使い方は /guides/名前/、画像は /images/年/ファイル名 の形です。",
      };
    case "needs-slash":
      return {
        message: `リンク ${href} の末尾に / がありません (link needs a trailing slash)`,
        hint: `${url.pathname}/${url.search}${url.hash} と書いてください。サイトの URL はすべて / で終わります。`,
      };
    case "fragment":
      return {
        message: `リンク先 ${safeDecode(url.pathname)} に #${fault.fragment} という見出しがありません (missing anchor)`,
        hint:
          fault.headingIds.length > 0
            ? `そのページの見出し: ${fault.headingIds
                .slice(0, 8)
                .map((id) => `#${id}`)
                .join(", ")}`
            : "そのページには見出しがありません。# から後ろを消してください。",
      };
    case "unpublished":
      return fault.target.status === "draft"
        ? {
            message: `リンク先 ${href} は下書き (draft: true) の記事で、公開されたサイトにはありません (link to a draft)`,
            hint: `リンク先 (${shownPath(fault.target.file)}) を先に公開するか、このリンクを外してください。`,
          }
        : {
            message: `リンク先 ${href} は ${toJstIsoString(fault.target.date)} に公開予定で、このページの公開時にはまだありません (link to a scheduled post)`,
            hint: "リンク先より後にこの記事を公開するか、リンク先が公開されてからリンクを加えてください。",
          };
  }
}

/**
 * Every broken internal link of a built site, named by the content file (and
 * line) that contains it. Links the templates or MDX components make are not
 * in any source text: each such fault is reported once, with the pages it is on.
 */
export function checkLinks(site: BuiltSite, content: ContentReport, now: Date): ContentProblem[] {
  const sources = new Map<string, ContentPage>(content.pages.map((page) => [page.url, page]));
  const posts = new Map<string, CheckedPostFile>(content.posts.map((post) => [post.url, post]));
  const problems: ContentProblem[] = [];
  const generated = new Map<string, { pages: string[]; message: string }>();

  for (const [page, links] of site.pages) {
    const source = sources.get(page);
    const sourceText = source ? readFileSync(source.file, "utf8") : "";
    for (const href of new Set(links.hrefs)) {
      const url = internalUrl(site, page, href);
      if (!url) continue;
      const line = source ? lineOfHref(sourceText, href) : undefined;
      // Only what the editor wrote can link too early: a template's "next post" link follows the build.
      const fault =
        linkFault(site, url) ??
        (line === undefined ? undefined : unpublishedFault(posts.get(page), posts.get(safeDecode(url.pathname)), now));
      if (!fault) continue;
      const { message, hint } = describe(fault, safeDecode(href), url);
      if (source && line !== undefined) {
        problems.push({ file: shownPath(source.file), line, field: FIELD, message, hint });
      } else {
        const known = generated.get(message) ?? { pages: [], message };
        known.pages.push(source ? `${page} (${shownPath(source.file)})` : page);
        generated.set(message, known);
      }
    }
  }
  for (const { pages, message } of generated.values()) {
    problems.push({
      file: pages[0] as string,
      field: FIELD,
      message: `${message}。テンプレートか MDX の部品が作るリンクです${pages.length > 1 ? ` (ほか ${pages.length - 1} ページ)` : ""}`,
      hint: "記事の本文にはないリンクです。src/ のテンプレートか部品の誤りなので、サイトの管理者に知らせてください。",
    });
  }
  return problems;
}
