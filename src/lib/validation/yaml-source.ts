import { isAlias, isMap, isSeq, LineCounter, type Node, parseDocument, visit, type YAMLError } from "yaml";
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
    // One problem per line: a single slip (a tab, an unclosed quote) makes the
    // parser report several follow-on errors that would only confuse an editor.
    const reportedLines = new Set<number>();
    const firstPerLine = document.errors.filter((error) => {
      const line = toFileLine(error.pos[0]);
      if (reportedLines.has(line)) return false;
      reportedLines.add(line);
      return true;
    });
    throw new ContentError(
      firstPerLine.map((error) => {
        const english = error.message.split("\n")[0];
        const advice = yamlAdvice(error);
        return {
          file,
          line: toFileLine(error.pos[0]),
          field: "YAML",
          message: `YAML の書き方に誤りがあります${advice ? `: ${advice.problem}` : ""} (invalid YAML: ${english})`,
          hint: advice?.fix ?? "コロンの後の空白、字下げ、引用符の閉じ忘れを確認してください。",
        };
      }),
    );
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // `yaml` refuses to expand too many aliases with a ReferenceError that names no place in the file.
    if (!(error instanceof ReferenceError)) throw error;
    throw new ContentError([
      {
        file,
        line: toFileLine(firstAliasOffset(document) ?? 0),
        field: "YAML",
        message: `YAML の別名 (*名前) の展開が多すぎます (too many YAML aliases: ${error.message})`,
        hint: "& と * による別名は使わず、値をそのまま書いてください。",
      },
    ]);
  }
  return {
    file,
    data,
    lineOf(path) {
      for (let depth = path.length; depth >= 0; depth--) {
        const node = nodeAt(document.contents, path.slice(0, depth));
        if (node?.range) return toFileLine(node.range[0]);
      }
      return undefined;
    },
  };
}

/**
 * A few nested aliases expand to millions of values (a "billion laughs"
 * bomb); no real front matter or server.yaml needs more than a handful.
 */
const MAX_ALIAS_COUNT = 100;

function firstAliasOffset(document: ReturnType<typeof parseDocument>): number | undefined {
  let offset: number | undefined;
  visit(document, (_key, node) => {
    if (isAlias(node) && node.range) {
      offset = node.range[0];
      return visit.BREAK;
    }
    return undefined;
  });
  return offset;
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

interface YamlAdvice {
  problem: string;
  fix: string;
}

const QUOTE_FIX = '値全体を "…" で囲んでください。例: title: "新サーバー: 移行のお知らせ"';

/** The mistakes editors actually make, explained in Japanese with the fix. */
function yamlAdvice(error: YAMLError): YamlAdvice | undefined {
  switch (error.code) {
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY":
      return {
        problem: "値の中に「: 」(コロンと空白) があるか、行頭に余分な空白があります",
        fix: `項目の行は行頭に空白を入れずに書きます。値にコロンを含めるときは${QUOTE_FIX}`,
      };
    case "TAB_AS_INDENT":
      return { problem: "字下げにタブは使えません", fix: "タブを半角の空白に置き換えてください。" };
    case "DUPLICATE_KEY":
      return { problem: "同じ項目が2回書かれています", fix: "どちらか一方を消してください。" };
    case "BAD_INDENT":
      return {
        problem: "[ ] か { } が閉じていないか、字下げがずれています",
        fix: "リストは1行に書いて ] で閉じます。例: tags: [お知らせ, IRC]",
      };
    case "BAD_SCALAR_START":
      return { problem: "値を @ や ` などの記号で始めることはできません", fix: QUOTE_FIX };
    case "MISSING_CHAR":
      return /quote/.test(error.message)
        ? {
            problem: "引用符 (\" か ') が閉じていません",
            fix: '値の終わりにも始めと同じ引用符を付けてください。値の中の " は \\" と書きます。',
          }
        : {
            problem: "項目名の後に「: 値」がありません",
            fix: "項目は「項目名: 値」の形で1行に書きます。例: title: 題名",
          };
    default:
      return undefined;
  }
}
