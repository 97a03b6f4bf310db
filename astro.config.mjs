// @ts-check
import mdx from "@astrojs/mdx";
import sitemap from "@astrojs/sitemap";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "astro/config";
import { converseAssets } from "./src/chat/converse-assets.ts";
import { buildInfo } from "./src/integrations/build-info.ts";
import { pagefindIndex } from "./src/integrations/pagefind.ts";
import { previewMode } from "./src/integrations/preview-mode.ts";
import { quietBuild } from "./src/integrations/quiet-build.ts";
import { contentDir } from "./src/lib/content-dir.ts";
import { loadServerFacts } from "./src/lib/server-facts/load.ts";
import { pageCsp } from "./src/lib/well-known/security-headers.ts";

const facts = loadServerFacts();

export default defineConfig({
  site: facts.site.url,
  outDir: process.env.STEP_OUT_DIR ?? "./dist",
  // Test builds keep their content cache apart (see tests/support/build-site.ts).
  cacheDir: process.env.STEP_CACHE_DIR ?? "./node_modules/.astro",
  trailingSlash: "always",
  build: { format: "directory" },
  // The old WordPress category listing: links to it across the web keep working.
  redirects: { "/blog/category/info/": "/blog/" },
  // Highlighting writes inline style attributes, which the CSP (no unsafe-inline) would block.
  markdown: { syntaxHighlight: false },
  integrations: [
    previewMode(),
    quietBuild(),
    mdx(),
    sitemap(),
    buildInfo(contentDir()),
    pagefindIndex(),
    converseAssets(facts.xmpp.webClientPath),
  ],
  vite: { plugins: [tailwindcss()] },
  // Every page carries a CSP with hashes of its own inline code: no 'unsafe-inline' anywhere.
  security: { csp: pageCsp(facts) },
});
