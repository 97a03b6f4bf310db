import { isMap, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { ContentError } from "./content-error.ts";

/** YAML parsed with its positions kept, so problems can point at a line. */
export interface YamlSource {
  file: string;
  data: unknown;
  /** 1-based line of the value at `path`, or of its nearest parent that exists. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/**
 * YAML 1.2 core schema: `2018-04-14` stays a string, so dates are read by our
 * own JST rules instead of being turned into UTC instants (or, for
 * `2018-13-40`, silently into another month) by the parser.
 * `firstLine` is where the YAML starts in the file (front matter starts at 2).
 */
export function parseYamlSource(text: string, file: string, firstLine = 1): YamlSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toFileLine = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  if (document.errors.length > 0) {
    throw new ContentError(
      document.errors.map((error) => ({
        file,
        line: toFileLine(error.pos[0]),
        field: "YAML",
        message: `YAML の書き方に誤りがあります (invalid YAML: ${error.message.split("\n")[0]})`,
        hint: "コロンの後の空白、インデント、引用符の閉じ忘れを確認してください。",
      })),
    );
  }
  return {
    file,
    data: document.toJS(),
    lineOf(path) {
      for (let depth = path.length; depth >= 0; depth--) {
        const node = nodeAt(document.contents, path.slice(0, depth));
        if (node?.range) return toFileLine(node.range[0]);
      }
      return undefined;
    },
  };
}

function nodeAt(root: unknown, path: readonly PropertyKey[]): Node | undefined {
  let current = root;
  for (const key of path) {
    if (isMap(current)) {
      const pair = current.items.find((item) => (item.key as { value?: unknown })?.value === key);
      current = pair?.value ?? pair?.key;
    } else if (isSeq(current) && typeof key === "number") {
      current = current.items[key];
    } else {
      return undefined;
    }
  }
  return current as Node | undefined;
}
