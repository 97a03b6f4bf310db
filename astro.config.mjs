// @ts-check
import mdx from "@astrojs/mdx";
import sitemap from "@astrojs/sitemap";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "astro/config";
import { converseAssets } from "./src/chat/converse-assets.ts";
import { buildInfo } from "./src/integrations/build-info.ts";
import { previewMode } from "./src/integrations/preview-mode.ts";
import { quietBuild } from "./src/integrations/quiet-build.ts";
import { astroCacheDir, contentDir } from "./src/lib/content-dir.ts";
import { OLD_PAGE_REDIRECTS } from "./src/lib/old-site/addresses.ts";
import { siteOutDir } from "./src/lib/out-dir.ts";
import { loadServerFacts } from "./src/lib/server-facts/load.ts";
import { pageCsp } from "./src/lib/well-known/security-headers.ts";

const facts = loadServerFacts();

export default defineConfig({
  site: facts.site.url,
  outDir: siteOutDir(),
  cacheDir: astroCacheDir(),
  trailingSlash: "always",
  // Four pages at once: while one page's file is written the next renders (rendering was 40 % idle at one).
  build: { format: "directory", concurrency: 4 },
  // Old WordPress pages, as meta-refresh pages for hosts without docs/nginx.conf (which sends real 301s).
  redirects: Object.fromEntries(OLD_PAGE_REDIRECTS.map(({ from, to }) => [from, to])),
  // Highlighting writes inline style attributes, which the CSP (no unsafe-inline) would block.
  markdown: { syntaxHighlight: false },
  integrations: [
    previewMode(),
    quietBuild(),
    mdx(),
    sitemap(),
    converseAssets(facts.xmpp.webClientPath),
    // Last, always: it records the build once everything else is in place (it checks that it is last);
    // `npm run build` then adds the search index and seals the record as build-info.json (scripts/build.ts).
    buildInfo(contentDir()),
  ],
  vite: { plugins: [tailwindcss()] },
  // Every page carries a CSP with hashes of its own inline code: no 'unsafe-inline' anywhere.
  security: { csp: pageCsp(facts) },
});
