import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { shownPath } from "../../src/lib/files/shown-path.ts";
import type { ContentProblem } from "../../src/lib/validation/content-error.ts";
import { PROJECT_ROOT } from "../lib/project-root.ts";
import type { ContentPage } from "./check-content.ts";

const MDX_HINT =
  "MDX では { } と < > が特別な意味を持ちます。文字として書くときは \\{ や &lt; と書くか、部品を使わないならファイルを .md にしてください。";

/** The components editors may use in MDX without importing them: one file each in src/components/mdx/. */
export function mdxComponentNames(): string[] {
  return readdirSync(join(PROJECT_ROOT, "src/components/mdx"))
    .filter((name) => name.endsWith(".astro"))
    .map((name) => name.replace(/\.astro$/, ""))
    .sort();
}

/** `<Foo` written in an MDX file: where an unknown component was used. */
function componentUses(pages: ContentPage[], component: string): ContentProblem[] {
  const use = new RegExp(`<${component}(?![\\w.])`);
  return pages
    .filter((page) => page.file.endsWith(".mdx"))
    .flatMap((page) =>
      readFileSync(page.file, "utf8")
        .split("\n")
        .flatMap((text, index) => (use.test(text) ? [{ file: page.file, line: index + 1 }] : [])),
    )
    .map(({ file, line }) => ({
      file: shownPath(file),
      line,
      field: "MDX の部品 (component)",
      message: `<${component}> という部品はありません (unknown MDX component)`,
      hint: `使える部品: ${mdxComponentNames().join(", ")}。大文字・小文字も含めて綴りを確かめてください (docs/editing.md)。`,
    }));
}

/** Astro names the file and position of a Markdown/MDX syntax error under "Location:". */
function syntaxError(output: string): ContentProblem | undefined {
  const lines = output.split("\n");
  const at = lines.findIndex((line) => line.trim() === "Location:");
  const location = /^\s*(.+):(\d+):(\d+)\s*$/.exec(lines[at + 1] ?? "");
  if (at < 1 || !location) return undefined;
  const [, file = "", line] = location;
  return {
    file: shownPath(file),
    line: Number(line),
    field: "本文 (body)",
    message: `本文を読めません (syntax error: ${(lines[at - 1] ?? "").trim()})`,
    hint: file.endsWith(".mdx") ? MDX_HINT : "その行の書き方を確かめてください。",
  };
}

/**
 * A failed build, as problems an editor can act on: an unknown MDX component at
 * each place it is used, a syntax error at its line, or else Astro's own words.
 */
export function buildProblems(output: string, pages: ContentPage[]): ContentProblem[] {
  const unknownComponent = /Expected component `([\w.]+)` to be defined/.exec(output)?.[1];
  const uses = unknownComponent ? componentUses(pages, unknownComponent) : [];
  if (uses.length > 0) return uses;
  const syntax = syntaxError(output);
  if (syntax) return [syntax];
  const errors = [...new Set(output.split("\n").filter((line) => /\[ERROR\]|Error:/.test(line)))];
  return [
    {
      file: "(build)",
      field: "build",
      message: `サイトを組み立てられませんでした (build failed): ${errors.slice(0, 5).join(" / ") || "理由は上の出力を見てください"}`,
      hint: "npm run build を実行して、出力の最後のエラーを確かめてください。",
    },
  ];
}
