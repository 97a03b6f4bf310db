import { cpSync, createReadStream, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";

/** The npm package's own folder (its `exports` hide package.json from require.resolve). */
const PACKAGE_DIR = dirname(dirname(fileURLToPath(import.meta.resolve("converse.js"))));

/**
 * The files of Converse.js the web client needs, relative to the package:
 * the bundle, its stylesheet and fonts, the Japanese translations (the only
 * locale the page asks for), the emoji list, and the licence (MPL-2.0 asks
 * that the licence travels with the files). Everything else in the package
 * (other locales, OMEMO's crypto, source maps) is left out on purpose.
 */
const FILES = [
  "LICENSE",
  "dist/converse.min.js",
  "dist/converse.min.css",
  "dist/emoji.json",
  "dist/webfonts/muli.ttf",
  "dist/webfonts/baumans.ttf",
  "dist/chunkjs/locales/ja-LC_MESSAGES-converse-po.js",
  "dist/chunkjs/locales/dayjs/ja-js.js",
];

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".ttf": "font/ttf",
};

export function converseVersion(): string {
  const manifest = JSON.parse(readFileSync(join(PACKAGE_DIR, "package.json"), "utf8")) as { version: string };
  return manifest.version;
}

/**
 * Where the site serves Converse.js: under the web client's page, in a folder
 * named after the version, so an upgrade never meets a stale cached file.
 */
export function converseAssetsPath(webClientPath: string): string {
  return `${webClientPath}converse/${converseVersion()}/`;
}

/** Where each file lands below the assets folder: `dist/` is dropped, so the bundle finds its chunks beside it. */
function servedName(file: string): string {
  return file.replace(/^dist\//, "");
}

/**
 * Serves Converse.js from the site itself, never from a CDN: the build copies
 * the files into the output (swapping the folder in whole, like the search
 * index), and `astro dev` answers for them from node_modules.
 */
export function converseAssets(webClientPath: string): AstroIntegration {
  const urlPath = converseAssetsPath(webClientPath);
  return {
    name: "step-im:converse-assets",
    hooks: {
      "astro:build:done": ({ dir, logger }) => {
        const finalDir = join(fileURLToPath(dir), urlPath);
        const tempDir = `${finalDir.replace(/\/$/, "")}.${process.pid}.tmp`;
        try {
          for (const file of FILES) {
            const target = join(tempDir, servedName(file));
            mkdirSync(dirname(target), { recursive: true });
            cpSync(join(PACKAGE_DIR, file), target);
          }
          rmSync(finalDir, { recursive: true, force: true });
          renameSync(tempDir, finalDir);
        } finally {
          rmSync(tempDir, { recursive: true, force: true });
        }
        logger.info(`Converse.js ${converseVersion()} copied to ${urlPath}`);
      },
      "astro:server:setup": ({ server }) => {
        const served = new Map(FILES.map((file) => [`${urlPath}${servedName(file)}`, join(PACKAGE_DIR, file)]));
        server.middlewares.use((request, response, next) => {
          const file = served.get(decodeURIComponent(new URL(request.url ?? "/", "http://dev").pathname));
          if (!file) return next();
          const type = Object.entries(CONTENT_TYPES).find(([extension]) => file.endsWith(extension))?.[1];
          response.setHeader("content-type", type ?? "application/octet-stream");
          createReadStream(file).pipe(response);
        });
      },
    },
  };
}
