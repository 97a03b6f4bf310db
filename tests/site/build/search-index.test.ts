import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { sealBuild } from "../../../scripts/build/seal.ts";
import { writeSearchIndex } from "../../../scripts/build/search-index.ts";
import { BUILD_INFO_FILE, PENDING_BUILD_INFO_FILE, parseBuildInfo } from "../../../src/lib/build-info.ts";
import { shownPath } from "../../../src/lib/files/shown-path.ts";
import { SEARCH_BUNDLE_DIR, SEARCH_PARTS_FILE } from "../../../src/lib/search-bundle.ts";
import { addFiles } from "../../support/run-script.ts";
import { searchPartsOf } from "../../support/site-files.ts";

const page = (title: string) =>
  `<!DOCTYPE html><html lang="ja"><body><main data-pagefind-body><h1>${title}</h1><p>証明書を更新しました。</p></main></body></html>\n`;

/** Pages Pagefind indexed in one part of the bundle, from the entry file its search script reads first. */
function indexedPages(siteDir: string, partDir = ""): number {
  const entry = JSON.parse(readFileSync(join(siteDir, SEARCH_BUNDLE_DIR, partDir, "pagefind-entry.json"), "utf8"));
  return Object.values(entry.languages as Record<string, { page_count: number }>).reduce(
    (sum, { page_count }) => sum + page_count,
    0,
  );
}

let siteDir: string;
beforeEach(() => {
  siteDir = mkdtempSync(join(tmpdir(), "step-search-index-"));
});
afterEach(() => rmSync(siteDir, { recursive: true, force: true }));

describe("the search index step of npm run build", () => {
  it("indexes every collection's entry pages and reads no listing page", async () => {
    addFiles(siteDir, {
      "blog/2015/0104-certificates/index.html": page("証明書の更新"),
      "status/2026/1201-outage/index.html": page("障害"),
      "guides/tls/index.html": page("TLS"),
      "privacy/index.html": page("個人情報保護方針"),
      // Marked like an entry page, so only the glob keeps them out.
      "blog/page/2/index.html": page("お知らせ 2 ページ目"),
      "blog/2015/index.html": page("2015 年のお知らせ"),
      "tags/tls/index.html": page("TLS のお知らせ"),
    });
    await writeSearchIndex(siteDir);
    expect(indexedPages(siteDir)).toBe(4);
  });

  it("indexes a site larger than a part in parts, each page in one, and lists them for the browser", async () => {
    addFiles(siteDir, {
      "guides/tls/index.html": page("TLS"),
      "blog/2024/0101-a/index.html": page("お知らせ A"),
      "blog/2024/0102-b/index.html": page("お知らせ B"),
      "blog/2023/0101-c/index.html": page("お知らせ C"),
      "blog/2015/0101-d/index.html": page("お知らせ D"),
    });
    await writeSearchIndex(siteDir, 3);
    const merge = searchPartsOf(siteDir);
    expect(merge).toEqual(["part-2/"]);
    // Guides and 2024 fill the first part; 2023 would make it four pages.
    expect([indexedPages(siteDir), indexedPages(siteDir, "part-2/")]).toEqual([3, 2]);
  });

  it("lists no further part for a site that fits in one", async () => {
    addFiles(siteDir, { "blog/2024/0101-a/index.html": page("お知らせ A") });
    await writeSearchIndex(siteDir, 3);
    expect(readFileSync(join(siteDir, SEARCH_BUNDLE_DIR, SEARCH_PARTS_FILE), "utf8")).toBe('{"merge":[]}\n');
  });

  it("keeps the previous index when indexing fails, and leaves no half-written one", async () => {
    addFiles(siteDir, {
      [`${SEARCH_BUNDLE_DIR}/pagefind-entry.json`]: "{}\n",
      "index.html": "<p>no entry pages</p>\n",
    });
    await expect(writeSearchIndex(siteDir)).rejects.toThrow(
      /^Pagefind, indexing .*step-search-index-\w+ failed \(exit status 1\)$/,
    );
    expect(readFileSync(join(siteDir, SEARCH_BUNDLE_DIR, "pagefind-entry.json"), "utf8")).toBe("{}\n");
    expect(readdirSync(siteDir).sort()).toEqual(["index.html", SEARCH_BUNDLE_DIR]);
  });
});

describe("sealing a build", () => {
  it("turns the record astro build left into build-info.json", () => {
    addFiles(siteDir, { [PENDING_BUILD_INFO_FILE]: '{"preview":false}\n' });
    sealBuild(siteDir);
    expect(readFileSync(join(siteDir, BUILD_INFO_FILE), "utf8")).toBe('{"preview":false}\n');
    expect(existsSync(join(siteDir, PENDING_BUILD_INFO_FILE))).toBe(false);
  });

  it("refuses when astro build left no record, and writes nothing", () => {
    expect(() => sealBuild(siteDir)).toThrow(
      `${shownPath(join(siteDir, PENDING_BUILD_INFO_FILE))} is missing: astro build did not finish, so there is no build to seal`,
    );
    expect(readdirSync(siteDir)).toEqual([]);
  });
});

describe("npm run build on the real content", () => {
  it("ends sealed, with the search index in place and no record left to seal", () => {
    const siteDir = inject("realSiteDir");
    expect(parseBuildInfo(readFileSync(join(siteDir, BUILD_INFO_FILE), "utf8"))).toMatchObject({ preview: false });
    expect(existsSync(join(siteDir, PENDING_BUILD_INFO_FILE))).toBe(false);
    expect(indexedPages(siteDir)).toBeGreaterThan(0);
    expect(readdirSync(siteDir).filter((name) => name.startsWith(`.${SEARCH_BUNDLE_DIR}`))).toEqual([]);
  });
});
