import { renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import * as pagefind from "pagefind";

/** Where the search bundle lives in the built site; the search scripts load it from here. */
const PAGEFIND_DIR = "pagefind";

/**
 * Indexes the built site for search, so `astro build` (and so `npm run build`)
 * always ships an index that matches the pages. Only the parts marked
 * `data-pagefind-body` are indexed; the language comes from `<html lang="ja">`,
 * which makes Pagefind segment Japanese words.
 */
export function pagefindIndex(): AstroIntegration {
  return {
    name: "step-im:pagefind",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const siteDir = fileURLToPath(dir);
        try {
          const pages = await writeIndex(siteDir);
          logger.info(`read ${pages} HTML files; search index written to /${PAGEFIND_DIR}/`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}

async function writeIndex(siteDir: string): Promise<number> {
  const { index, errors } = await pagefind.createIndex();
  failOn(errors, "could not start the indexer");
  if (!index) throw new Error("Pagefind: no index was created");
  const added = await index.addDirectory({ path: siteDir });
  failOn(added.errors, `could not index ${siteDir}`);
  // Written beside the final place and then swapped in: a failed run never leaves half an index.
  const finalDir = join(siteDir, PAGEFIND_DIR);
  const tempDir = join(siteDir, `.${PAGEFIND_DIR}-${process.pid}`);
  try {
    const written = await index.writeFiles({ outputPath: tempDir });
    failOn(written.errors, `could not write ${tempDir}`);
    rmSync(finalDir, { recursive: true, force: true });
    renameSync(tempDir, finalDir);
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
  return added.page_count;
}

function failOn(errors: readonly string[], what: string): void {
  if (errors.length > 0) throw new Error(`Pagefind: ${what}:\n${errors.join("\n")}`);
}
