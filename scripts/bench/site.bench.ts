import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { extname, join } from "node:path";
import lighthouse from "lighthouse";
import { launchChromium, openSite } from "../harness/browser.ts";
import { buildSite, tempSiteDir } from "../harness/build-site.ts";
import { builtPages, firstPage, gzipSize } from "../harness/built-site.ts";
import { type StaticServer, serveStatic } from "../harness/static-server.ts";
import { PROJECT_ROOT } from "../lib/project-root.ts";
import { writeJapaneseCorpus } from "./japanese-corpus.ts";

/**
 * `npm run bench -- site`: how the site scales with the number of posts, and
 * what Lighthouse thinks of the real site on a phone. Prints tables; the
 * figures in docs/benchmarks.md come from here. `STEP_BENCH_POSTS=100,1000`
 * picks the corpus sizes (default 100, 1000 and 5000).
 */
const CORPUS_SIZES = (process.env.STEP_BENCH_POSTS ?? "100,1000,5000").split(",").map(Number);
const FIRST_QUERY = "証明書";
const LIGHTHOUSE_CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

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

async function corpusRow(count: number): Promise<string> {
  const contentDir = writeJapaneseCorpus(join(PROJECT_ROOT, "content"), count);
  const outDir = tempSiteDir(`bench-${count}`);
  try {
    const started = performance.now();
    await buildSite(contentDir, outDir);
    const seconds = (performance.now() - started) / 1000;
    const posts = builtPages(outDir).filter(({ urlPath }) => /^\/blog\/\d{4}\/\d{4}-/.test(urlPath)).length;
    if (posts !== count) throw new Error(`the corpus of ${count} posts built ${posts} post pages`);
    const pagefindDir = join(outDir, "pagefind");
    const query = await firstQueryDownload(outDir);
    return `| ${count.toLocaleString("en")} | ${seconds.toFixed(1)} s | ${MB(folderBytes(outDir))} | ${MB(folderBytes(pagefindDir, isIndexFile))} | ${kB(query.bytes)} in ${query.requests} requests |`;
  } finally {
    rmSync(contentDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function lighthouseRows(): Promise<string[]> {
  const outDir = tempSiteDir("bench-lighthouse");
  let server: StaticServer | undefined;
  const port = await freePort();
  const browser = await launchChromium([`--remote-debugging-port=${port}`]);
  try {
    await buildSite(join(PROJECT_ROOT, "content"), outDir);
    server = await serveStatic(outDir);
    const pages = [
      ["home", "/"],
      ["a post", firstPage(outDir, /^\/blog\/\d{4}\/\d{4}-/).urlPath],
      ["privacy", "/privacy/"],
      ["a guide", firstPage(outDir, /^\/guides\/[^/]+\/$/).urlPath],
    ];
    const rows: string[] = [];
    for (const [name, path] of pages) {
      const result = await lighthouse(`${server.origin}${path}`, {
        port,
        output: "json",
        logLevel: "error",
        onlyCategories: LIGHTHOUSE_CATEGORIES,
      });
      const categories = result?.lhr.categories ?? {};
      const scores = LIGHTHOUSE_CATEGORIES.map((id) => Math.round((categories[id]?.score ?? 0) * 100));
      rows.push(`| ${name} (${decodeURI(path ?? "")}) | ${scores.join(" | ")} |`);
    }
    return rows;
  } finally {
    await browser.close();
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  console.log("Build (Astro + Pagefind) of generated Japanese posts; first query: header search, typing 証明書\n");
  console.log("| posts | build time | output | Pagefind index | first query downloads |");
  console.log("| ---: | ---: | ---: | ---: | ---: |");
  for (const count of CORPUS_SIZES) console.log(await corpusRow(count));

  console.log("\nLighthouse 12 (mobile, simulated throttling) on the real site\n");
  console.log(`| page | ${LIGHTHOUSE_CATEGORIES.join(" | ")} |`);
  console.log(`| --- | ${LIGHTHOUSE_CATEGORIES.map(() => "---:").join(" | ")} |`);
  for (const row of await lighthouseRows()) console.log(row);
}
