import { describe, expect, it } from "vitest";
import { ContentError } from "../../src/lib/validation/content-error.ts";
import { parseYamlSource } from "../../src/lib/validation/yaml-source.ts";

/** Nine levels of nine aliases each: 9^9 values once expanded, from a few hundred bytes. */
const aliasBomb = [
  "title: 爆弾",
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  ...["b", "c", "d", "e", "f", "g", "h", "i"].map((name, index, names) => {
    const previous = index === 0 ? "a" : names[index - 1];
    return `${name}: &${name} [${Array(9).fill(`*${previous}`).join(",")}]`;
  }),
].join("\n");

describe("parseYamlSource on hostile input", () => {
  it("reports an alias bomb as file:line instead of expanding it", () => {
    let thrown: unknown;
    try {
      parseYamlSource(aliasBomb, "content/news/2026/1201-bomb.md", 2);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ContentError);
    expect((thrown as ContentError).problems).toEqual([
      expect.objectContaining({
        file: "content/news/2026/1201-bomb.md",
        line: 4,
        field: "YAML",
        message: expect.stringMatching(/^YAML の別名 \(\*名前\) の展開が多すぎます \(too many YAML aliases: /),
      }),
    ]);
  });

  it("still reads the few aliases a real file might use", () => {
    const source = parseYamlSource("base: &base [お知らせ]\ntags: *base\n", "f.yaml");
    expect(source.data).toEqual({ base: ["お知らせ"], tags: ["お知らせ"] });
  });
});
