import { formatJstDate, toJstIsoString } from "../../src/lib/dates/jst.ts";
import { shownPath } from "../../src/lib/files/shown-path.ts";
import { type ContentProblem, formatProblem } from "../../src/lib/validation/content-error.ts";
import type { CheckedPostFile } from "./check-content.ts";

const indent = (text: string, by = "  ") =>
  text
    .split("\n")
    .map((line) => by + line)
    .join("\n");

export function printStep(title: string, problems: ContentProblem[]): void {
  console.log(`\n■ ${title}`);
  if (problems.length === 0) {
    console.log("  ✓ 問題はありません (no problems)");
    return;
  }
  for (const problem of problems) console.log(indent(`✗ ${formatProblem(problem)}`));
}

export function printSkipped(title: string, reason: string): void {
  console.log(`\n■ ${title}\n  - ${reason}`);
}

/** A tool's own output, shown only when it failed. */
export function printToolFailure(title: string, output: string): void {
  console.log(`\n■ ${title}\n  ✗ 失敗しました (failed). 出力 (output):`);
  console.log(indent(output.trim(), "    "));
}

/** Drafts and scheduled posts are fine, but an editor wants to see which ones will not appear yet. */
export function printUnpublished(posts: CheckedPostFile[]): void {
  const waiting = posts.filter((post) => post.status !== "public");
  if (waiting.length === 0) return;
  console.log("\n■ まだ公開されない記事 (not public yet)");
  for (const post of waiting) {
    const when =
      post.status === "draft"
        ? "下書き (draft)"
        : `予約投稿: ${formatJstDate(post.date)} (${toJstIsoString(post.date)}) 以降のビルドで公開`;
    console.log(`  - ${shownPath(post.file)}: ${when}`);
  }
}

export function printSummary(problemCount: number): void {
  if (problemCount === 0) {
    console.log("\n✓ 問題はありません。commit して大丈夫です (all checks passed)");
  } else {
    console.log(
      `\n✗ 問題が ${problemCount} 件あります (${problemCount} problem${problemCount === 1 ? "" : "s"})。上の指示に従って直し、もう一度 npm run check を実行してください。`,
    );
  }
}
