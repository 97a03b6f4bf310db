import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { gzipSync } from "node:zlib";

/** A page of a built site: its file and the URL path it is served at. */
export interface BuiltPage {
  file: string;
  urlPath: string;
  html: string;
}

/** Every HTML page of a built site, `dir/index.html` served as `/dir/`. */
export function builtPages(siteDir: string): BuiltPage[] {
  return readdirSync(siteDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
    .map((file) => {
      const path = `/${relative(siteDir, file).split(sep).join("/")}`;
      return { file, urlPath: path.replace(/(^|\/)index\.html$/, "$1"), html: readFileSync(file, "utf8") };
    });
}

/** The first built page whose URL path matches, or an error naming what was looked for. */
export function firstPage(siteDir: string, pattern: RegExp): BuiltPage {
  const page = builtPages(siteDir).find(({ urlPath }) => pattern.test(urlPath));
  if (!page) throw new Error(`the built site at ${siteDir} has no page matching ${pattern}`);
  return page;
}

export function gzipSize(content: string | Buffer): number {
  return gzipSync(content, { level: 9 }).length;
}
