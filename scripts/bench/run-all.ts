import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * `npm run bench`: runs every `*.bench.ts` beside this file, in name order, or
 * only those whose name contains an argument (`npm run bench -- pubsub`).
 * Each prints its own table; benchmarks report figures and never fail on them.
 */
const filters = process.argv.slice(2);
const files = readdirSync(import.meta.dirname)
  .filter((name) => name.endsWith(".bench.ts"))
  .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
  .sort();
for (const name of files) {
  console.log(`\n## ${name.replace(/\.bench\.ts$/, "")}\n`);
  const bench = (await import(pathToFileURL(join(import.meta.dirname, name)).href)) as { run: () => Promise<void> };
  await bench.run();
}
