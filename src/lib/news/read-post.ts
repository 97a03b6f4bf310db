import { relative } from "node:path";
import { toJstDateString, twoDigits } from "../dates/jst.ts";
import { shownPath } from "../files/shown-path.ts";
import { ContentError } from "../validation/content-error.ts";
import { readFrontmatter } from "../validation/frontmatter-file.ts";
import { type NewsFrontmatter, newsFrontmatterSchema } from "./frontmatter.ts";
import { expectedEntryPath, type PostPath, parsePostPath, pathAgreesWithDate } from "./post-path.ts";

export interface CheckedPost {
  path: PostPath;
  data: NewsFrontmatter;
}

/**
 * Checks one news file completely: its path (the URL), its front matter and
 * that both name the same day. Used by the build's loader and by
 * `npm run check`, so an editor sees the same message in both.
 */
export function readPost(newsDir: string, filePath: string): CheckedPost {
  const entry = relative(newsDir, filePath).replaceAll("\\", "/");
  const file = shownPath(filePath);
  const path = parsePostPath(entry);
  if (!path) {
    throw new ContentError([
      {
        file,
        field: "ファイル名 (file name)",
        message:
          "記事のファイルは content/news/年/月日-スラッグ.md の形にしてください (path must be YYYY/MMDD-slug.md)",
        hint: "例: content/news/2018/0414-data.md。スラッグは半角英小文字・数字・ハイフンだけです。",
      },
    ]);
  }
  const { data, source } = readFrontmatter(filePath, newsFrontmatterSchema);
  if (!pathAgreesWithDate(path, data.date)) {
    const extension = entry.endsWith(".mdx") ? "mdx" : "md";
    throw new ContentError([
      {
        file,
        line: source.lineOf(["date"]),
        field: "date",
        message: `date (${toJstDateString(data.date)}) とファイルの場所 (${path.year}/${twoDigits(path.month)}${twoDigits(path.day)}) が一致しません (date does not match the file path)`,
        hint: `date を直すか、ファイルを content/news/${expectedEntryPath(data.date, path.slug, extension)} に移してください。`,
      },
    ]);
  }
  return { path, data };
}
