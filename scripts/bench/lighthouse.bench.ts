import { rmSync } from "node:fs";
import { join } from "node:path";
import lighthouse from "lighthouse";
import { launchChromium } from "../harness/browser.ts";
import { buildSite, tempSiteDir } from "../harness/build-site.ts";
import { firstPage } from "../harness/built-site.ts";
import { freePorts } from "../harness/free-ports.ts";
import { type StaticServer, serveStatic } from "../harness/static-server.ts";
import { PROJECT_ROOT } from "../lib/project-root.ts";

/**
 * `npm run bench -- lighthouse`: what Lighthouse thinks of the real site on a
 * phone (default mobile settings, simulated throttling), page by page.
 */
const LIGHTHOUSE_CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

async function lighthouseRows(): Promise<string[]> {
  const outDir = tempSiteDir("bench-lighthouse");
  let server: StaticServer | undefined;
  const [port] = (await freePorts(1)) as [number];
  const browser = await launchChromium([`--remote-debugging-port=${port}`]);
  try {
    await buildSite(join(PROJECT_ROOT, "content"), outDir);
    server = await serveStatic(outDir);
    const pages = [
      ["home", "/"],
      ["a post", firstPage(outDir, /^\/blog\/\d{4}\/\d{4}-/).urlPath],
      ["privacy", "/privacy/"],
      ["a guide", firstPage(outDir, /^\/guides\/[^/]+\/$/).urlPath],
    ];
    const rows: string[] = [];
    for (const [name, path] of pages) {
      const result = await lighthouse(`${server.origin}${path}`, {
        port,
        output: "json",
        logLevel: "error",
        onlyCategories: LIGHTHOUSE_CATEGORIES,
      });
      const categories = result?.lhr.categories ?? {};
      const scores = LIGHTHOUSE_CATEGORIES.map((id) => Math.round((categories[id]?.score ?? 0) * 100));
      rows.push(`| ${name} (${decodeURI(path ?? "")}) | ${scores.join(" | ")} |`);
    }
    return rows;
  } finally {
    await browser.close();
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  console.log("Lighthouse 12 (mobile, simulated throttling) on the real site\n");
  console.log(`| page | ${LIGHTHOUSE_CATEGORIES.join(" | ")} |`);
  console.log(`| --- | ${LIGHTHOUSE_CATEGORIES.map(() => "---:").join(" | ")} |`);
  for (const row of await lighthouseRows()) console.log(row);
}
