import type { z } from "astro/zod";
import type { ContentProblem } from "./content-error.ts";
import type { YamlSource } from "./yaml-source.ts";

/**
 * Zod reports where a value is wrong; this turns each issue into a problem
 * that names the file, the line and the field. Messages written in the schema
 * (Japanese, with English beside) are kept; Zod's generic ones get a
 * Japanese lead-in. `knownFields`, where given, are listed beside an unknown field.
 */
export function problemsFromZod(error: z.ZodError, source: YamlSource, knownFields: string[] = []): ContentProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path;
    const field = path.length > 0 ? path.map(String).join(".") : "(全体)";
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
    return {
      file: source.file,
      line: source.lineOf(keys.length > 0 ? [...path, keys[0] as string] : path),
      field: keys.length > 0 ? keys.join(", ") : field,
      message:
        keys.length > 0
          ? `知らない項目です。綴りを確かめてください (unknown field)`
          : issue.message.includes("(")
            ? issue.message
            : `値が正しくありません (${issue.message})`,
      hint: keys.length > 0 && knownFields.length > 0 ? `使える項目: ${knownFields.join(", ")}` : undefined,
    };
  });
}
