import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { contentDir } from "../src/lib/content-dir.ts";
import { loadServerFacts } from "../src/lib/server-facts/load.ts";
import type { ContentProblem } from "../src/lib/validation/content-error.ts";
import { buildProblems } from "./check/build-problems.ts";
import { type ContentReport, checkContent } from "./check/check-content.ts";
import { readBuiltPages } from "./check/links/built-site.ts";
import { checkLinks } from "./check/links/check-links.ts";
import { pathsServedElsewhere } from "./check/links/served-elsewhere.ts";
import { printSkipped, printStep, printSummary, printToolFailure, printUnpublished } from "./check/report.ts";
import { runAstro, type ToolRun } from "./check/run-astro.ts";
import { PROJECT_ROOT } from "./lib/project-root.ts";

/**
 * `npm run check`: everything an editor should know before committing —
 * every content file validated (all problems, not just the first), then
 * `astro check`, then the site built with drafts and scheduled posts and
 * every internal link followed. Exit status 1 when anything is wrong.
 */
const STEP_CONTENT = "1. 内容の検査 (content: front matter, file names, URLs)";
const STEP_TYPES = "2. 型の検査 (astro check)";
const STEP_LINKS = "3. サイトの組み立てとリンクの検査 (build with drafts, internal links)";

/** Builds the site, drafts included, into a temporary folder and follows every internal link. */
async function buildAndCheckLinks(root: string, content: ContentReport, now: Date): Promise<ContentProblem[]> {
  // Inside the project: for an output folder elsewhere Astro keeps its prerender chunks in the shared .astro/.
  mkdirSync(join(PROJECT_ROOT, ".tmp"), { recursive: true });
  const distDir = mkdtempSync(join(PROJECT_ROOT, ".tmp", "check-"));
  // A content store of its own, too: the shared one in node_modules/.astro would mix in another build's posts.
  const cacheDir = `${distDir}.cache`;
  try {
    // A preview build (as `npm run dev` renders) includes drafts and scheduled posts, so their links are checked too.
    const build = await runAstro(["build"], {
      STEP_PREVIEW: "1",
      STEP_OUT_DIR: distDir,
      STEP_CACHE_DIR: cacheDir,
    });
    if (!build.ok) return buildProblems(build.output, content.pages);
    const facts = loadServerFacts(join(root, "server.yaml"));
    const site = {
      distDir,
      siteUrl: new URL(facts.site.url),
      pages: readBuiltPages(distDir),
      servedElsewhere: pathsServedElsewhere(facts),
    };
    return checkLinks(site, content, now);
  } finally {
    rmSync(distDir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

/** `astro check` ends with "- 3 errors"; a failure without that line still counts once. */
function typeErrorCount(run: ToolRun): number {
  if (run.ok) return 0;
  return Number(/^- (\d+) errors?$/m.exec(run.output)?.[1] ?? 0) || 1;
}

async function main(): Promise<number> {
  const now = new Date();
  const root = contentDir();
  console.log(`npm run check: ${root} を検査します`);

  const content = checkContent(root, now);
  printStep(`${STEP_CONTENT}: ${content.fileCount} ファイル`, content.problems);
  printUnpublished(content.posts);
  if (content.problems.length > 0) {
    const reason = "内容の問題を直すと、続けて検査します (runs once the content is valid)";
    printSkipped(STEP_TYPES, reason);
    printSkipped(STEP_LINKS, reason);
    printSummary(content.problems.length);
    return 1;
  }

  const typecheck = await runAstro(["check"]);
  if (typecheck.ok) printStep(STEP_TYPES, []);
  else printToolFailure(STEP_TYPES, typecheck.output);

  const linkProblems = await buildAndCheckLinks(root, content, now);
  printStep(STEP_LINKS, linkProblems);

  const problemCount = linkProblems.length + typeErrorCount(typecheck);
  printSummary(problemCount);
  return problemCount === 0 ? 0 : 1;
}

process.exitCode = await main();
