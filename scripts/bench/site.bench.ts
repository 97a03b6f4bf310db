import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { SEARCH_BUNDLE_DIR } from "../../src/lib/search-bundle.ts";
import { openSite } from "../harness/browser.ts";
import { tempSiteDir, withSiteBuild } from "../harness/build-site.ts";
import { builtPages, firstPage, gzipSize } from "../harness/built-site.ts";
import { PROJECT_ROOT } from "../lib/project-root.ts";
import { buildBareSite, writeBareSite } from "./bare-site.ts";
import { writeJapaneseCorpus } from "./japanese-corpus.ts";
import { type Measured, measuredRun } from "./measured-run.ts";

/**
 * `npm run bench -- site`: how the site's build scales with the number of
 * posts, against the floor of a bare Astro + Pagefind site built from the same
 * posts (`bare-site.ts`), and what a reader's first search downloads. Prints a
 * table; the figures in docs/benchmarks.md come from here.
 * `STEP_BENCH_POSTS=100,1000` picks the corpus sizes (default 1000 and 5000),
 * `STEP_BENCH_RUNS` how many pairs of builds run (default 5).
 *
 * The machine's own speed drifts by a fifth within minutes, more than the
 * difference being measured, so floor and site are built in pairs, one right
 * after the other, and the ratio is the median of the pairs' ratios: a slow
 * minute slows both builds of its pair. Every other pair runs the site first,
 * so that neither is always the one that finds the disk cache warm.
 */
const CORPUS_SIZES = (process.env.STEP_BENCH_POSTS ?? "1000,5000").split(",").map(Number);
const RUNS = Number(process.env.STEP_BENCH_RUNS ?? 5);
const FIRST_QUERY = "証明書";

/** Bytes of every file under `dir`, or only of those `keep` accepts. */
function folderBytes(dir: string, keep: (file: string) => boolean = () => true): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && keep(join(entry.parentPath, entry.name)))
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

/** Pagefind's index proper: its chunks, fragments, filters and metadata, not the scripts that read them. */
const isIndexFile = (file: string) => /\.pf_\w+$|pagefind-entry\.json$/.test(file);

/** What a file costs on the wire: text is served gzipped; Pagefind's own files are compressed already. */
function wireBytes(siteDir: string, urlPath: string): number {
  const file = join(siteDir, urlPath);
  return [".js", ".css", ".json", ".html"].includes(extname(file)) ? gzipSize(readFileSync(file)) : statSync(file).size;
}

/**
 * Opens a post, then search from the header, and types a word: what the
 * reader's browser downloads for that, page and loader excluded.
 */
async function firstQueryDownload(siteDir: string): Promise<{ requests: number; bytes: number }> {
  const site = await openSite(siteDir);
  try {
    const { context } = await site.newContext();
    const page = await context.newPage();
    await page.goto(site.url(firstPage(siteDir, /^\/blog\/\d{4}\/\d{4}-/).urlPath), { waitUntil: "networkidle" });
    site.server.requests.length = 0;
    await page.getByRole("navigation", { name: "サイト" }).getByRole("link", { name: "検索" }).click();
    await page.getByRole("dialog").waitFor();
    await page.keyboard.type(FIRST_QUERY);
    await page.locator("dialog pagefind-results li.search-result").first().waitFor();
    await page.waitForLoadState("networkidle");
    const fetched = [...new Set(site.server.requests)];
    return { requests: fetched.length, bytes: fetched.reduce((sum, path) => sum + wireBytes(siteDir, path), 0) };
  } finally {
    await site.close();
  }
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;
const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const MiB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The site's own build of `contentDir` into `outDir`, as `npm run build` runs it, timed. */
function measuredSiteBuild(contentDir: string, outDir: string): Promise<Measured> {
  rmSync(outDir, { recursive: true, force: true });
  return withSiteBuild(contentDir, outDir, {}, ({ command, args, options }) => measuredRun(command, args, options));
}

async function corpusRow(count: number): Promise<string> {
  const contentDir = writeJapaneseCorpus(join(PROJECT_ROOT, "content"), count);
  const floorRoot = writeBareSite(contentDir);
  const outDir = tempSiteDir(`bench-${count}`);
  try {
    const floor: Measured[] = [];
    const site: Measured[] = [];
    for (let run = 0; run < RUNS; run++) {
      const buildFloor = async () => floor.push(await buildBareSite(floorRoot));
      const buildSite = async () => site.push(await measuredSiteBuild(contentDir, outDir));
      for (const build of run % 2 === 0 ? [buildFloor, buildSite] : [buildSite, buildFloor]) await build();
    }
    const posts = builtPages(outDir).filter(({ urlPath }) => /^\/blog\/\d{4}\/\d{4}-/.test(urlPath)).length;
    if (posts !== count) throw new Error(`the corpus of ${count} posts built ${posts} post pages`);
    const ratios = site.map(({ seconds }, run) => seconds / (floor[run] as Measured).seconds);
    const runs = (builds: Measured[]) => builds.map(({ seconds }) => seconds.toFixed(1)).join(", ");
    const pairs = ratios.map((ratio) => ratio.toFixed(2)).join(", ");
    console.error(`${count} posts, each run in seconds: floor ${runs(floor)}; site ${runs(site)}; ratios ${pairs}`);
    const pagefindDir = join(outDir, SEARCH_BUNDLE_DIR);
    const query = await firstQueryDownload(outDir);
    return [
      count.toLocaleString("en"),
      `${median(site.map(({ seconds }) => seconds)).toFixed(1)} s`,
      `${median(floor.map(({ seconds }) => seconds)).toFixed(1)} s`,
      `${median(ratios).toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`,
      MiB(median(site.map(({ peakBytes }) => peakBytes))),
      MiB(median(floor.map(({ peakBytes }) => peakBytes))),
      MB(folderBytes(outDir)),
      MB(folderBytes(pagefindDir, isIndexFile)),
      `${kB(query.bytes)} in ${query.requests} requests`,
    ].join(" | ");
  } finally {
    for (const dir of [contentDir, floorRoot, outDir]) rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  console.log(
    `Build (Astro + Pagefind) of generated Japanese posts against a bare Astro + Pagefind site, median of ${RUNS} runs each;`,
  );
  console.log(
    "ratio: the median of each pair's site ÷ floor (floor and site built one right after the other), and its range",
  );
  console.log(`first query: header search, typing ${FIRST_QUERY}\n`);
  console.log(
    "| posts | build time | floor | ratio | peak memory | floor peak memory | output | Pagefind index | first query downloads |",
  );
  console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const count of CORPUS_SIZES) console.log(`| ${await corpusRow(count)} |`);
}
