import { relative } from "node:path";
import type { z } from "astro/zod";
import { toJstDateString, twoDigits } from "../dates/jst.ts";
import { shownPath } from "../files/shown-path.ts";
import { ContentError } from "../validation/content-error.ts";
import { type CheckedFrontmatter, readFrontmatter } from "../validation/frontmatter-file.ts";
import { type NewsFrontmatter, newsFrontmatterSchema } from "./frontmatter.ts";
import { expectedEntryPath, type PostPath, parsePostPath, pathAgreesWithDate } from "./post-path.ts";

export interface CheckedEntry<T> extends CheckedFrontmatter<T> {
  path: PostPath;
}

export interface CheckedPost {
  path: PostPath;
  data: NewsFrontmatter;
  body: string;
}

/**
 * Checks one dated file (`<folder>/YYYY/MMDD-slug.md(x)`) completely: its path (the URL), its front
 * matter against `schema`, and that both name the same day in Japan. Every dated collection (news,
 * status) reads its files through this, in the build's loader and in `npm run check` alike, so an
 * editor sees the same message in both. `folder` is the collection's folder under `content/`, for messages.
 */
export function readDatedEntry<S extends z.ZodType<{ date: Date }>>(
  dir: string,
  filePath: string,
  schema: S,
  folder: string,
): CheckedEntry<z.output<S>> {
  const entry = relative(dir, filePath).replaceAll("\\", "/");
  const file = shownPath(filePath);
  const path = parsePostPath(entry);
  if (!path) {
    throw new ContentError([
      {
        file,
        field: "ファイル名 (file name)",
        message: `記事のファイルは content/${folder}/年/月日-スラッグ.md の形にしてください (path must be YYYY/MMDD-slug.md)`,
        hint: `例: content/${folder}/2018/0414-data.md。スラッグは半角英小文字・数字・ハイフンだけです。`,
      },
    ]);
  }
  const { data, source, body } = readFrontmatter(filePath, schema);
  if (!pathAgreesWithDate(path, data.date)) {
    const extension = entry.endsWith(".mdx") ? "mdx" : "md";
    throw new ContentError([
      {
        file,
        line: source.lineOf(["date"]),
        field: "date",
        message: `date (${toJstDateString(data.date)}) とファイルの場所 (${path.year}/${twoDigits(path.month)}${twoDigits(path.day)}) が一致しません (date does not match the file path)`,
        hint: `date を直すか、ファイルを content/${folder}/${expectedEntryPath(data.date, path.slug, extension)} に移してください。`,
      },
    ]);
  }
  return { path, data, source, body };
}

/** A news post, checked as `readDatedEntry` describes. */
export function readPost(newsDir: string, filePath: string): CheckedPost {
  const { path, data, body } = readDatedEntry(newsDir, filePath, newsFrontmatterSchema, "news");
  return { path, data, body };
}
