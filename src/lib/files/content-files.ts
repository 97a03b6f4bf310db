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

/** The Markdown and MDX files below `dir`: the entries a collection folder holds. */
export const markdownFiles = (dir: string): string[] => listFiles(dir).filter(isMarkdown);
