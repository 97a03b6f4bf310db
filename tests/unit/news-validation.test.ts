import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { readPost } from "../../src/lib/news/read-post.ts";
import { ContentError, type ContentProblem } from "../../src/lib/validation/content-error.ts";

const newsDir = mkdtempSync(join(tmpdir(), "step-news-"));

function write(entry: string, text: string): string {
  const file = join(newsDir, entry);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

function problemsOf(entry: string, text: string): ContentProblem[] {
  try {
    readPost(newsDir, write(entry, text));
  } catch (error) {
    if (error instanceof ContentError) return error.problems;
    throw error;
  }
  throw new Error(`${entry} was accepted`);
}

describe("readPost: a valid post", () => {
  it("returns typed front matter with JST dates and defaults", () => {
    const file = write("2018/0414-data.md", "---\ntitle: データ\ndate: 2018-04-14\n---\n本文\n");
    const { path, data } = readPost(newsDir, file);
    expect(path.id).toBe("2018/0414-data");
    expect(data.title).toBe("データ");
    expect(data.date.toISOString()).toBe("2018-04-13T15:00:00.000Z");
    expect(data.tags).toEqual([]);
    expect(data.draft).toBe(false);
    expect(data.updated).toBeUndefined();
  });

  it("accepts an offset date-time and an updated date", () => {
    const file = write(
      "2018/0810-irc.md",
      "---\ntitle: IRC\ndate: 2018-08-10T09:00:00+09:00\nupdated: 2018-08-12\ntags: [IRC]\n---\n",
    );
    expect(readPost(newsDir, file).data.updated?.toISOString()).toBe("2018-08-11T15:00:00.000Z");
  });
});

describe("readPost: every error names the file, the line and the field", () => {
  it("a missing title", () => {
    const [problem] = problemsOf("2018/0101-notitle.md", "---\ndate: 2018-01-01\n---\n");
    expect(problem).toMatchObject({ field: "title", file: expect.stringContaining("2018/0101-notitle.md") });
    expect(problem?.message).toContain("タイトルがありません");
  });

  it("an impossible date, on its line", () => {
    const [problem] = problemsOf("2018/0102-baddate.md", "---\ntitle: x\ndate: 2018-13-40\n---\n");
    expect(problem).toMatchObject({ field: "date", line: 3 });
    expect(problem?.message).toContain("2018-13-40");
    expect(problem?.message).toContain("日付として読めません");
  });

  it("a date that disagrees with the path, with the fix", () => {
    const [problem] = problemsOf("2018/0103-mismatch.md", "---\ntitle: x\ndate: 2018-01-04\n---\n");
    expect(problem).toMatchObject({ field: "date", line: 3 });
    expect(problem?.message).toContain("一致しません");
    expect(problem?.hint).toContain("2018/0104-mismatch.md");
  });

  it("tags that are not a list", () => {
    const [problem] = problemsOf("2018/0104-tags.md", "---\ntitle: x\ndate: 2018-01-04\ntags: 42\n---\n");
    expect(problem).toMatchObject({ field: "tags", line: 4 });
  });

  it("a misspelt field", () => {
    const [problem] = problemsOf("2018/0105-typo.md", "---\ntitle: x\ndate: 2018-01-05\ndarft: true\n---\n");
    expect(problem).toMatchObject({ field: "darft", line: 4 });
    expect(problem?.message).toContain("知らない項目");
  });

  it("invalid YAML", () => {
    const [problem] = problemsOf("2018/0106-yaml.md", '---\ntitle: "unclosed\ndate: 2018-01-06\n---\n');
    expect(problem?.field).toBe("YAML");
    expect(problem?.line).toBeGreaterThanOrEqual(2);
  });

  it("a file without front matter", () => {
    const [problem] = problemsOf("2018/0107-nofm.md", "本文だけ\n");
    expect(problem?.field).toBe("front matter");
  });

  it("a file name that cannot be a URL", () => {
    const [problem] = problemsOf("2018/0108-Bad_Name.md", "---\ntitle: x\ndate: 2018-01-08\n---\n");
    expect(problem?.field).toContain("ファイル名");
  });

  it("updated before date", () => {
    const [problem] = problemsOf("2018/0109-updated.md", "---\ntitle: x\ndate: 2018-01-09\nupdated: 2018-01-01\n---\n");
    expect(problem).toMatchObject({ field: "updated", line: 4 });
  });

  it("formats problems as file:line: field: message", () => {
    try {
      readPost(newsDir, write("2018/0110-format.md", "---\ntitle: x\ndate: 2018-02-30\n---\n"));
      throw new Error("accepted");
    } catch (error) {
      expect(String((error as Error).message)).toMatch(/2018\/0110-format\.md:3: date: /);
    }
  });
});
