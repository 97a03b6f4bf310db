import { renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { shownPath } from "../../src/lib/files/shown-path.ts";
import { SEARCH_BUNDLE_DIR, SEARCH_PARTS_FILE, type SearchParts, searchPartDir } from "../../src/lib/search-bundle.ts";
import { runToEnd } from "./run-to-end.ts";
import { packSearchParts, searchPartPages, searchUnits } from "./search-parts.ts";

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
 * Indexes the built site for search with Pagefind's command-line indexer, in
 * processes of their own that start after Astro's has exited: the two never
 * hold their memory at once. Only the parts marked `data-pagefind-body` of the
 * collections' entry pages are indexed; the language comes from
 * `<html lang="ja">`. A site of more than `maxPartPages` pages is indexed in
 * parts, one run after another, listed in `SEARCH_PARTS_FILE` for the browser
 * to merge. The bundle is written beside its final place and swapped in, so a
 * failed run never leaves half an index.
 */
export async function writeSearchIndex(siteDir: string, maxPartPages = searchPartPages()): Promise<void> {
  const finalDir = join(siteDir, SEARCH_BUNDLE_DIR);
  const tempDir = join(siteDir, `.${SEARCH_BUNDLE_DIR}-${process.pid}`);
  const parts = packSearchParts(searchUnits(siteDir), maxPartPages);
  const partDirs = parts.map((_, index) => (index === 0 ? "" : searchPartDir(index + 1)));
  try {
    for (const [index, glob] of parts.entries()) {
      const which = parts.length === 1 ? "" : ` (part ${index + 1} of ${parts.length})`;
      // Its warnings and errors go to the build's own output, where the quiet-build test sees them.
      await runToEnd(`Pagefind, indexing ${shownPath(siteDir)}${which}`, pagefindBinary(), [
        "--site",
        siteDir,
        "--glob",
        glob,
        "--output-path",
        join(tempDir, partDirs[index] as string),
        "--quiet",
      ]);
    }
    const manifest: SearchParts = { merge: partDirs.slice(1) };
    writeFileSync(join(tempDir, SEARCH_PARTS_FILE), `${JSON.stringify(manifest)}\n`);
    rmSync(finalDir, { recursive: true, force: true });
    renameSync(tempDir, finalDir);
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}
