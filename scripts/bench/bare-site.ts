import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ASTRO_CLI, PROJECT_ROOT } from "../lib/project-root.ts";
import { type Measured, measuredRun } from "./measured-run.ts";

/**
 * The floor the site's build is compared with: the least an Astro + Pagefind
 * blog does with the same posts. One content collection over the corpus's
 * Markdown, one page per post in a minimal `<html lang="ja">` shell, then
 * Pagefind's CLI over the output. No index pages, tags, feed, MDX, Tailwind,
 * CSP or integrations. It lies in the project's `.tmp/`, so it resolves the
 * project's own installed Astro and Pagefind.
 */
export function writeBareSite(corpusDir: string): string {
  const parent = join(PROJECT_ROOT, ".tmp");
  mkdirSync(parent, { recursive: true });
  const root = mkdtempSync(join(parent, "bench-floor-"));
  const files: Record<string, string> = {
    "astro.config.mjs": 'export default { site: "https://example.org", outDir: "./dist" };\n',
    "src/content.config.ts": `import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";

export const collections = {
  news: defineCollection({ loader: glob({ pattern: "**/*.md", base: ${JSON.stringify(join(corpusDir, "news"))} }) }),
};
`,
    "src/pages/[...id].astro": `---
import { getCollection, render } from "astro:content";

export async function getStaticPaths() {
  const posts = await getCollection("news");
  return posts.map((post) => ({ params: { id: post.id }, props: { post } }));
}
const { post } = Astro.props;
const { Content } = await render(post);
---
<html lang="ja">
  <head><meta charset="utf-8" /><title>{post.data.title}</title></head>
  <body><main data-pagefind-body><h1>{post.data.title}</h1><Content /></main></body>
</html>
`,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** `astro build` of the bare site, then Pagefind over it, from a cold start (no cache, no output). */
export async function buildBareSite(root: string): Promise<Measured> {
  for (const dir of ["dist", ".astro", "node_modules"]) rmSync(join(root, dir), { recursive: true, force: true });
  const options = { cwd: root, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" } };
  const astro = await measuredRun(process.execPath, [ASTRO_CLI, "build"], options);
  const pagefind = await measuredRun(
    process.execPath,
    [join(PROJECT_ROOT, "node_modules/pagefind/lib/runner/bin.cjs"), "--site", "dist"],
    options,
  );
  return {
    seconds: astro.seconds + pagefind.seconds,
    peakBytes: Math.max(astro.peakBytes, pagefind.peakBytes),
    output: `${astro.output}${pagefind.output}`,
  };
}
