import { siteOutDir } from "../src/lib/out-dir.ts";
import { runToEnd } from "./build/run-to-end.ts";
import { ASTRO_CLI } from "./lib/project-root.ts";

/**
 * V8's young generation capped at 4 MiB per semi-space: Astro's build then peaked at about 615 MiB
 * instead of 740 MiB at 1,000 posts (and 970 instead of 1,090 at 5,000), in the same time
 * (docs/benchmarks.md). Its many short-lived objects die young either way; 2 MiB was slower.
 */
const ASTRO_NODE_OPTIONS = ["--max-semi-space-size=4"];

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
    // The next steps' code loads while Astro runs, on the other core, instead of before it starts.
    const [[{ writeSearchIndex }, { sealBuild }, { BUILD_INFO_FILE }, { SEARCH_BUNDLE_DIR }]] = await Promise.all([
      Promise.all([
        import("./build/search-index.ts"),
        import("./build/seal.ts"),
        import("../src/lib/build-info.ts"),
        import("../src/lib/search-bundle.ts"),
      ]),
      runToEnd("astro build", process.execPath, [...ASTRO_NODE_OPTIONS, ASTRO_CLI, "build", ...process.argv.slice(2)]),
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
