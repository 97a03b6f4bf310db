// @ts-check
import mdx from "@astrojs/mdx";
import sitemap from "@astrojs/sitemap";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "astro/config";
import { buildInfo } from "./src/integrations/build-info.ts";
import { contentDir } from "./src/lib/content-dir.ts";
import { loadServerFacts } from "./src/lib/server-facts/load.ts";

const facts = loadServerFacts();

export default defineConfig({
  site: facts.site.url,
  outDir: process.env.STEP_OUT_DIR ?? "./dist",
  trailingSlash: "always",
  build: { format: "directory" },
  // The old WordPress category listing: links to it across the web keep working.
  redirects: { "/blog/category/info/": "/blog/" },
  // Highlighting writes inline style attributes, which the CSP (no unsafe-inline) would block.
  markdown: { syntaxHighlight: false },
  integrations: [mdx(), sitemap(), buildInfo(contentDir())],
  vite: { plugins: [tailwindcss()] },
});
