import { existsSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { listFiles } from "../../../src/lib/files/content-files.ts";
import { type PageLinks, readPageLinks } from "./page-links.ts";

/** The HTML pages of a built site by URL path (`/blog/2018/0414-data/`), each with its links. */
export function readBuiltPages(distDir: string): Map<string, PageLinks> {
  const pages = new Map<string, PageLinks>();
  for (const file of listFiles(distDir).filter((name) => name.endsWith(".html"))) {
    const path = `/${relative(distDir, file).split(sep).join("/")}`.replace(/(^|\/)index\.html$/, "$1");
    pages.set(path, readPageLinks(readFileSync(file, "utf8")));
  }
  return pages;
}

export type TargetState = "found" | "missing" | "needs-slash";

/**
 * Whether the web server would answer `pathname` from `distDir`. A folder
 * asked for without its trailing slash counts as its own state: the site's
 * URLs all end in `/`, and `npm run dev` answers 404 without it.
 */
export function targetState(distDir: string, pathname: string): TargetState {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return "missing";
  }
  const file = join(distDir, path);
  if (!file.startsWith(distDir)) return "missing";
  if (path.endsWith("/")) return existsSync(join(file, "index.html")) ? "found" : "missing";
  if (existsSync(file) && statSync(file).isFile()) return "found";
  return existsSync(join(file, "index.html")) ? "needs-slash" : "missing";
}
