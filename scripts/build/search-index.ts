import { renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { searchedPagesGlob } from "../../src/lib/collections/searched-pages.ts";
import { shownPath } from "../../src/lib/files/shown-path.ts";
import { SEARCH_BUNDLE_DIR } from "../../src/lib/search-bundle.ts";
import { runToEnd } from "./run-to-end.ts";

/**
 * Pagefind's extended build: only it splits Japanese text into words. The npm
 * package installs the binary for this platform beside itself.
 */
function pagefindBinary(): string {
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const name = process.platform === "win32" ? "pagefind_extended.exe" : "pagefind_extended";
  return createRequire(import.meta.url).resolve(`@pagefind/${platform}-${process.arch}/bin/${name}`);
}

/**
 * Indexes the built site for search with Pagefind's command-line indexer, in a
 * process of its own that starts after Astro's has exited: the two never hold
 * their memory at once. Only the parts marked `data-pagefind-body` of the
 * collections' entry pages are indexed; the language comes from
 * `<html lang="ja">`. The bundle is written beside its final place and swapped
 * in, so a failed run never leaves half an index.
 */
export async function writeSearchIndex(siteDir: string): Promise<void> {
  const finalDir = join(siteDir, SEARCH_BUNDLE_DIR);
  const tempDir = join(siteDir, `.${SEARCH_BUNDLE_DIR}-${process.pid}`);
  try {
    // Its warnings and errors go to the build's own output, where the quiet-build test sees them.
    await runToEnd(`Pagefind, indexing ${shownPath(siteDir)}`, pagefindBinary(), [
      "--site",
      siteDir,
      "--glob",
      searchedPagesGlob(),
      "--output-path",
      tempDir,
      "--quiet",
    ]);
    rmSync(finalDir, { recursive: true, force: true });
    renameSync(tempDir, finalDir);
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}
