import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import {
  COLLECTIONS,
  type CollectionName,
  collectionNames,
  type DatedCollectionSpec,
  type FlatCollectionSpec,
  RESERVED_PAGE_SLUGS,
} from "../../src/lib/collections/registry.ts";
import { collectionDir } from "../../src/lib/content-dir.ts";
import { isMarkdown, listFiles } from "../../src/lib/files/content-files.ts";
import { shownPath } from "../../src/lib/files/shown-path.ts";
import { SLUG_PATTERN } from "../../src/lib/news/post-path.ts";
import { type PostStatus, postStatus } from "../../src/lib/news/visibility.ts";
import { loadServerFacts } from "../../src/lib/server-facts/load.ts";
import { loadObservations, observationsFile } from "../../src/lib/server-facts/observed-claims.ts";
import { ContentError, type ContentProblem } from "../../src/lib/validation/content-error.ts";
import { readFrontmatter } from "../../src/lib/validation/frontmatter-file.ts";
import { PLACEHOLDER_BODY, PLACEHOLDER_TITLE } from "../lib/post-template.ts";
import { strayFileHint } from "./stray-file-hint.ts";

/** A page the site builds from one content file. */
export interface ContentPage {
  file: string;
  url: string;
}

export interface CheckedPostFile extends ContentPage {
  collection: CollectionName;
  status: PostStatus;
  date: Date;
}

export interface ContentReport {
  problems: ContentProblem[];
  fileCount: number;
  /** Dated entries of every dated collection (news, …), with their publication status. */
  posts: CheckedPostFile[];
  /** Every page made from a content file: posts, guides, standing pages. */
  pages: ContentPage[];
}

/** Runs `read`; a ContentError's problems are collected instead of ending the check. */
function collecting<T>(problems: ContentProblem[], read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
}

function strayFile(file: string, message: string): ContentProblem {
  return { file: shownPath(file), field: "ファイル名 (file name)", message, hint: strayFileHint(file) };
}

function checkDated(
  collection: CollectionName,
  spec: DatedCollectionSpec,
  folder: string,
  now: Date,
  problems: ContentProblem[],
): CheckedPostFile[] {
  const posts: CheckedPostFile[] = [];
  for (const file of listFiles(folder)) {
    if (!isMarkdown(file)) {
      problems.push(strayFile(file, "記事は .md か .mdx のファイルです。このファイルは読み込まれません (not a post)"));
      continue;
    }
    const post = collecting(problems, () => spec.read(folder, file));
    if (post) {
      const status = postStatus(post.data, now, spec.holdsFutureEntries);
      posts.push({ collection, file, url: spec.urlPath(post.path.id), status, date: post.data.date });
    }
  }
  return posts;
}

/** Guides and standing pages: `<dir>/<slug>.md(x)`, served at `spec.urlPath(slug)`. */
function checkFlat(collection: CollectionName, spec: FlatCollectionSpec, dir: string, problems: ContentProblem[]) {
  const pages: ContentPage[] = [];
  for (const file of listFiles(dir)) {
    if (dirname(file) !== dir) {
      problems.push(
        strayFile(file, "サブフォルダーの中のファイルは読み込まれません (files in subfolders are not read)"),
      );
      continue;
    }
    if (!isMarkdown(file)) {
      problems.push(strayFile(file, ".md か .mdx のファイルだけが読み込まれます (not a page)"));
      continue;
    }
    const slug = basename(file).replace(/\.mdx?$/, "");
    if (!SLUG_PATTERN.test(slug)) {
      problems.push({
        file: shownPath(file),
        field: "ファイル名 (file name)",
        message: `ファイル名「${slug}」はそのまま URL になるので使えません (file name is not a valid URL slug)`,
        hint: "半角の英小文字・数字と、語の間のハイフン (-) だけにしてください。例: irc-gateway.mdx",
      });
      continue;
    }
    if (collection === "pages" && RESERVED_PAGE_SLUGS.includes(slug)) {
      problems.push({
        file: shownPath(file),
        field: "ファイル名 (file name)",
        message: `/${slug}/ はサイトがほかの用途に使っているので、このページは作られません (the path /${slug}/ is taken by the site)`,
        hint: `別のファイル名にしてください。使えない名前: ${RESERVED_PAGE_SLUGS.join(", ")}`,
      });
      continue;
    }
    if (collecting(problems, () => readFrontmatter(file, spec.schema))) pages.push({ file, url: spec.urlPath(slug) });
  }
  return pages;
}

/** `2018/0414-data.md` and `2018/0414-data.mdx` would both claim /blog/2018/0414-data/. */
function duplicateUrlProblems(pages: ContentPage[]): ContentProblem[] {
  const byUrl = Map.groupBy(pages, (page) => page.url);
  return [...byUrl]
    .filter(([, same]) => same.length > 1)
    .map(([url, same]) => ({
      file: shownPath((same[0] as ContentPage).file),
      field: "ファイル名 (file name)",
      message: `同じ URL ${url} になるファイルが ${same.length} つあります: ${same.map((page) => shownPath(page.file)).join(", ")} (duplicate URL)`,
      hint: "1つの URL に置けるファイルは1つだけです。どちらかを消すか、スラッグを変えてください。",
    }));
}

/** A post that leaves draft must not still say what `npm run new` wrote in it. */
function unfinishedPostProblems(posts: CheckedPostFile[]): ContentProblem[] {
  return posts
    .filter((post) => post.status !== "draft")
    .flatMap((post) => {
      const lines = readFileSync(post.file, "utf8").split("\n");
      const index = lines.findIndex((line) => line.includes(PLACEHOLDER_TITLE) || line.includes(PLACEHOLDER_BODY));
      if (index < 0) return [];
      return [
        {
          file: shownPath(post.file),
          line: index + 1,
          field: lines[index]?.includes(PLACEHOLDER_TITLE) ? "title" : "本文 (body)",
          message:
            "npm run new が書いた仮の文が残ったまま、下書きでなくなっています (placeholder text in a published post)",
          hint: "題名と本文を書き終えるまでは draft: true のままにしてください。",
        },
      ];
    });
}

/** Checks every file under the content folder and collects every problem found. */
export function checkContent(root: string, now: Date): ContentReport {
  const problems: ContentProblem[] = [];
  const serverYaml = join(root, "server.yaml");
  if (existsSync(serverYaml)) {
    collecting(problems, () => loadServerFacts(serverYaml));
  } else {
    problems.push({
      file: shownPath(serverYaml),
      field: "server.yaml",
      message: "サーバーの事実のファイルがありません (server.yaml is missing)",
    });
  }
  collecting(problems, () => loadObservations(observationsFile(root)));

  const posts: CheckedPostFile[] = [];
  const pages: ContentPage[] = [];
  for (const name of collectionNames) {
    const spec: DatedCollectionSpec | FlatCollectionSpec = COLLECTIONS[name];
    const folder = collectionDir(spec, root);
    if (spec.layout === "dated") posts.push(...checkDated(name, spec, folder, now, problems));
    else pages.push(...checkFlat(name, spec, folder, problems));
  }
  pages.unshift(...posts);
  problems.push(...duplicateUrlProblems(pages), ...unfinishedPostProblems(posts));
  const folders = [...collectionNames.map((name) => COLLECTIONS[name].folder), "observed"];
  const fileCount = 1 + folders.reduce((count, folder) => count + listFiles(join(root, folder)).length, 0); // + server.yaml
  return { problems, fileCount, posts, pages };
}
