import { existsSync, readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";

/**
 * Every file below `dir`, sorted, as absolute paths. Hidden files and folders
 * (`.DS_Store`, `.gitkeep`, an editor's swap file) are nobody's content.
 */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter(
      (file) =>
        !relative(dir, file)
          .split(sep)
          .some((part) => part.startsWith(".")),
    )
    .sort();
}

export const isMarkdown = (file: string) => /\.mdx?$/.test(file);

const IMAGE = /\.(png|jpe?g|gif|webp|avif|svg)$/i;

/** The problem for a file the site never reads, so an editor does not wonder where it went. */
export function strayFileHint(file: string): string {
  return IMAGE.test(file)
    ? "画像は public/images/年/ に置き、本文から /images/年/ファイル名 で参照します (docs/editing.md)。"
    : "拡張子を .md (部品を使うなら .mdx) にするか、このフォルダーの外へ移してください。";
}
