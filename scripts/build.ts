import { siteOutDir } from "../src/lib/out-dir.ts";
import { runToEnd } from "./build/run-to-end.ts";
import { ASTRO_CLI } from "./lib/project-root.ts";

/**
 * Astro's garbage kept in check (docs/benchmarks.md). Its young generation capped at 4 MiB per
 * semi-space: the build then peaked at about 615 MiB instead of 740 MiB at 1,000 posts (and 970
 * instead of 1,090 at 5,000), in the same time; its many short-lived objects die young either way,
 * and 2 MiB was slower. Its old generation may grow by half before a full collection, not up to
 * four times as V8 allows by default: at 5,000 posts its live heap is about 130 MiB, yet the heap
 * reached 410 MiB before the next collection while pages were rendered.
 */
const ASTRO_NODE_OPTIONS = ["--max-semi-space-size=4", "--heap-growing-percent=50"];

/**
 * `npm run build`: the site, then its search index, then the seal. Astro's
 * process has exited before Pagefind's starts, so the build never holds both
 * their memory at once; build-info.json is written last, so a build stopped
 * at any point has none and is refused by deploy and the publisher.
 * Arguments are passed on to `astro build`.
 */
async function main(): Promise<number> {
  const outDir = siteOutDir();
  try {
    await runToEnd("astro build", process.execPath, [
      ...ASTRO_NODE_OPTIONS,
      ASTRO_CLI,
      "build",
      ...process.argv.slice(2),
    ]);
    // Loaded only now: their modules (the collections registry and its schemas) would add some 35 MiB
    // to this process while Astro's holds the most memory of the build, for 0.2 s saved.
    const [{ writeSearchIndex }, { sealBuild }, { BUILD_INFO_FILE }, { SEARCH_BUNDLE_DIR }] = await Promise.all([
      import("./build/search-index.ts"),
      import("./build/seal.ts"),
      import("../src/lib/build-info.ts"),
      import("../src/lib/search-bundle.ts"),
    ]);
    await writeSearchIndex(outDir);
    sealBuild(outDir);
    console.log(`npm run build: search index written to /${SEARCH_BUNDLE_DIR}/; build sealed (${BUILD_INFO_FILE})`);
    return 0;
  } catch (error) {
    console.error(`npm run build: ${(error as Error).message}`);
    return 1;
  }
}

process.exitCode = await main();
