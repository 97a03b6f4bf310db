import { describe, expect, it } from "vitest";
import { parseJstDateTime } from "../../src/lib/dates/jst.ts";
import { expectedEntryPath, parsePostPath, pathAgreesWithDate, postUrlPath } from "../../src/lib/news/post-path.ts";

describe("the old WordPress URL scheme", () => {
  it("serves content/news/2018/0414-data.md at /blog/2018/0414-data/", () => {
    const path = parsePostPath("2018/0414-data.md");
    expect(path).toEqual({ id: "2018/0414-data", year: 2018, month: 4, day: 14, slug: "data" });
    expect(postUrlPath(path?.id ?? "")).toBe("/blog/2018/0414-data/");
  });

  it("accepts MDX and multi-word slugs", () => {
    expect(parsePostPath("2021/0601-10th-anniversary.mdx")?.id).toBe("2021/0601-10th-anniversary");
  });

  it.each([
    "2018/414-data.md",
    "2018/0414_data.md",
    "2018/0414-Data.md",
    "2018/0414-データ.md",
    "2018/0414-data.txt",
    "0414-data.md",
    "2018/04/0414-data.md",
    "2018/0414--data.md",
    "2018/0414-data-.md",
  ])("refuses %s", (entry) => {
    expect(parsePostPath(entry)).toBeUndefined();
  });

  it("checks that the path and the date name the same day in Japan", () => {
    const path = parsePostPath("2018/0810-irc.md");
    if (!path) throw new Error("fixture path must parse");
    expect(pathAgreesWithDate(path, parseJstDateTime("2018-08-10") as Date)).toBe(true);
    expect(pathAgreesWithDate(path, parseJstDateTime("2018-08-10T23:59") as Date)).toBe(true);
    // 23:30 UTC on the 9th is 08:30 on the 10th in Japan.
    expect(pathAgreesWithDate(path, new Date("2018-08-09T23:30:00Z"))).toBe(true);
    expect(pathAgreesWithDate(path, parseJstDateTime("2018-08-11") as Date)).toBe(false);
  });

  it("says where a post of a given date belongs", () => {
    expect(expectedEntryPath(parseJstDateTime("2018-04-14") as Date, "data")).toBe("2018/0414-data.md");
  });
});
