import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { builtPages, gzipSize } from "../../../scripts/harness/built-site.ts";
import { CSS_MAX_GZIP_TOTAL, HTML_MAX_GZIP, JS_MAX_GZIP } from "../../support/budget-limits.ts";

/*
 * The weight limits of issue 4, measured on the real built site. Every page
 * counts, not only a typical post: none of them may be heavier than one.
 * CSS added once the reader opens search or the chat tab is measured in a
 * browser, by stylesheets-in-use.test.ts.
 */

const siteDir = inject("realSiteDir");
const pages = builtPages(siteDir);

function attributeValues(html: string, tag: string, attribute: string): string[] {
  const tags = html.match(new RegExp(`<${tag}\\b[^>]*>`, "gi")) ?? [];
  return tags.flatMap((found) => {
    const value = new RegExp(`\\s${attribute}=("([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(found);
    return value ? [value[2] ?? value[3] ?? value[4] ?? ""] : [];
  });
}

function assetSize(urlPath: string): number {
  return gzipSize(readFileSync(join(siteDir, decodeURI(urlPath))));
}

describe("size budgets of the built site", () => {
  it("has pages to measure, news posts among them", () => {
    expect(pages.filter(({ urlPath }) => /^\/blog\/\d{4}\/\d{4}-[^/]+\/$/.test(urlPath)).length).toBeGreaterThan(0);
  });

  it.each(pages.map((page) => [page.urlPath, page] as const))("%s: HTML ≤ 7 kB gzip", (_, page) => {
    expect(gzipSize(page.html)).toBeLessThanOrEqual(HTML_MAX_GZIP);
  });

  it("links at most 10 kB gzip of CSS in total, all from files", () => {
    const stylesheets = new Set(
      pages.flatMap(({ html }) =>
        (html.match(/<link\b[^>]*>/gi) ?? [])
          .filter((link) => /\srel=["']?stylesheet/i.test(link))
          .flatMap((link) => attributeValues(link, "link", "href")),
      ),
    );
    expect(stylesheets.size).toBeGreaterThan(0);
    for (const { urlPath, html } of pages) expect(html, `${urlPath} has an inline <style>`).not.toMatch(/<style\b/i);
    const total = [...stylesheets].reduce((sum, href) => sum + assetSize(href), 0);
    expect(total).toBeLessThanOrEqual(CSS_MAX_GZIP_TOTAL);
  });

  it("runs at most one script file before interaction on every page, ≤ 2 kB gzip, and no inline code", () => {
    const scriptFiles = new Set<string>();
    for (const { urlPath, html } of pages) {
      const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
      const sources = attributeValues(html, "script", "src");
      expect(sources.length, `${urlPath}: every <script> loads a file`).toBe(scripts.length);
      expect(sources.length, `${urlPath}: at most one script`).toBeLessThanOrEqual(1);
      expect(html, `${urlPath}: an inline event handler`).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
      for (const source of sources) scriptFiles.add(source);
    }
    expect(scriptFiles.size, "every page runs the same loader").toBe(1);
    for (const file of scriptFiles) {
      expect(assetSize(file)).toBeLessThanOrEqual(JS_MAX_GZIP);
      // A static import would load more code up front; only `import()` (on demand) is allowed.
      expect(readFileSync(join(siteDir, file), "utf8")).not.toMatch(/\bimport\s*(?!\()[\w{*"'`]/);
    }
  });
});
