import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DEFAULT_SEARCH_PART_PAGES,
  packSearchParts,
  searchPartPages,
  searchUnits,
} from "../../../scripts/build/search-parts.ts";
import { parseSearchParts, SEARCH_PARTS_FILE } from "../../../src/lib/search-bundle.ts";
import { addFiles } from "../../support/run-script.ts";

const unit = (glob: string, pages: number) => ({ glob, pages });

describe("packing the searched pages into parts", () => {
  it("keeps a site that fits in one part whole, under one glob", () => {
    expect(packSearchParts([unit("a", 3), unit("b", 4)], 10)).toEqual(["{a,b}"]);
    expect(packSearchParts([unit("a", 3)], 10)).toEqual(["a"]);
  });

  it("starts a new part before one would hold more than the limit, in order", () => {
    expect(packSearchParts([unit("a", 6), unit("b", 4), unit("c", 1), unit("d", 10)], 10)).toEqual(["{a,b}", "c", "d"]);
  });

  it("gives a unit larger than a part a part of its own", () => {
    expect(packSearchParts([unit("a", 2), unit("big", 25), unit("c", 2)], 10)).toEqual(["a", "big", "c"]);
  });

  it("never makes a part without a page, which Pagefind would refuse", () => {
    expect(packSearchParts([unit("empty", 0), unit("big", 25), unit("c", 2)], 10)).toEqual(["{empty,big}", "c"]);
  });
});

describe("the searched pages of a built site, as units", () => {
  let siteDir: string;
  beforeEach(() => {
    siteDir = mkdtempSync(join(tmpdir(), "step-search-units-"));
  });
  afterEach(() => rmSync(siteDir, { recursive: true, force: true }));

  it("has each flat collection whole, then each year of news and status, newest first", () => {
    addFiles(siteDir, {
      "blog/2015/0104-a/index.html": "",
      "blog/2015/0105-b/index.html": "",
      "blog/2024/0301-c/index.html": "",
      "blog/2024/index.html": "",
      "blog/page/2/index.html": "",
      "status/2026/1201-outage/index.html": "",
      "guides/tls/index.html": "",
      "privacy/index.html": "",
    });
    expect(searchUnits(siteDir)).toEqual([
      { glob: "guides/*/index.html", pages: 1 },
      { glob: "*/index.html", pages: 1 },
      { glob: "blog/2024/[0-9][0-9][0-9][0-9]-*/index.html", pages: 1 },
      { glob: "blog/2015/[0-9][0-9][0-9][0-9]-*/index.html", pages: 2 },
      { glob: "status/2026/[0-9][0-9][0-9][0-9]-*/index.html", pages: 1 },
    ]);
  });
});

describe("STEP_SEARCH_PART_PAGES", () => {
  it("is 2,000 pages unless set", () => {
    expect(searchPartPages({})).toBe(DEFAULT_SEARCH_PART_PAGES);
    expect(searchPartPages({ STEP_SEARCH_PART_PAGES: "" })).toBe(DEFAULT_SEARCH_PART_PAGES);
    expect(DEFAULT_SEARCH_PART_PAGES).toBe(2000);
  });

  it("takes a whole number of pages", () => {
    expect(searchPartPages({ STEP_SEARCH_PART_PAGES: "500" })).toBe(500);
  });

  it.each(["0", "-1", "1.5", "many", "1e3"])("refuses %j, naming the variable", (value) => {
    expect(() => searchPartPages({ STEP_SEARCH_PART_PAGES: value })).toThrow(
      `STEP_SEARCH_PART_PAGES: "${value}" is not a whole number of pages (default 2000)`,
    );
  });
});

describe(`the browser's list of parts (${SEARCH_PARTS_FILE})`, () => {
  it("reads the further parts' folders", () => {
    expect(parseSearchParts({ merge: [] })).toEqual({ merge: [] });
    expect(parseSearchParts({ merge: ["part-2/", "part-3/"] })).toEqual({ merge: ["part-2/", "part-3/"] });
  });

  it.each([
    null,
    {},
    { merge: "part-2/" },
    { merge: ["../elsewhere/"] },
    { merge: ["https://example.org/"] },
    { merge: ["part-3/"] },
  ])("refuses %j rather than search without a part", (json) => {
    expect(() => parseSearchParts(json)).toThrow(`${SEARCH_PARTS_FILE}: "merge" is not a list of part folders`);
  });
});
