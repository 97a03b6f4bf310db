/**
 * One problem in a content or data file, worded for an editor: which file,
 * which line (where known), which field, what is wrong (in Japanese, with the
 * English beside it) and how to fix it.
 */
export interface ContentProblem {
  file: string;
  line?: number | undefined;
  field: string;
  message: string;
  hint?: string | undefined;
}

export function formatProblem(problem: ContentProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  const hint = problem.hint ? `\n    → ${problem.hint}` : "";
  return `${where}: ${problem.field}: ${problem.message}${hint}`;
}

/** Thrown where a file cannot be used; carries every problem found in it. */
export class ContentError extends Error {
  readonly problems: ContentProblem[];

  constructor(problems: ContentProblem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "ContentError";
    this.problems = problems;
  }
}
