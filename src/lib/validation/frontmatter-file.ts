import { readFileSync } from "node:fs";
import type { z } from "astro/zod";
import { shownPath } from "../files/shown-path.ts";
import { ContentError } from "./content-error.ts";
import { parseYamlSource, type YamlSource } from "./yaml-source.ts";
import { problemsFromZod } from "./zod-problems.ts";

const FRONTMATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;

export interface CheckedFrontmatter<T> {
  data: T;
  source: YamlSource;
  /** The Markdown/MDX after the front matter. */
  body: string;
}

/** Reads a Markdown/MDX file's front matter and checks it against `schema`. */
export function readFrontmatter<S extends z.ZodType>(filePath: string, schema: S): CheckedFrontmatter<z.output<S>> {
  const file = shownPath(filePath);
  const text = readFileSync(filePath, "utf8");
  const match = FRONTMATTER.exec(text);
  if (!match) {
    throw new ContentError([
      {
        file,
        line: 1,
        field: "front matter",
        message: "先頭に --- で囲んだ front matter がありません (front matter is missing)",
        hint: "1行目を ---、次に title: と date: を書き、--- で閉じてください。",
      },
    ]);
  }
  const source = parseYamlSource(match[1] ?? "", file, 2);
  const data = source.data ?? {};
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new ContentError([
      {
        file,
        line: 2,
        field: "front matter",
        message: "front matter は「項目名: 値」の行を並べて書きます (front matter must be a list of fields)",
        hint: "コロンは半角 (:) で、後ろに空白を1つ入れます。例: title: 題名",
      },
    ]);
  }
  const result = schema.safeParse(data);
  if (!result.success) throw new ContentError(problemsFromZod(result.error, source, fieldsOf(schema)));
  return { data: result.data, source, body: text.slice(match[0].length) };
}

/** The field names an object schema accepts, to list beside an unknown one. */
function fieldsOf(schema: z.ZodType): string[] {
  return "shape" in schema && typeof schema.shape === "object" && schema.shape !== null
    ? Object.keys(schema.shape)
    : [];
}
