import { rmSync } from "node:fs";
import { startEjabberd } from "../harness/ejabberd.ts";
import { startProsody } from "../harness/prosody.ts";
import { PUBLISHER, type PubsubServer, type PubsubWorld, pubsubWorld } from "../harness/pubsub/world.ts";
import { createTestCa, type TestCa } from "../harness/test-ca.ts";

/**
 * `npm run bench -- pubsub`: `npm run pubsub` as CI runs it (a fresh Node
 * process each time) against Prosody and ejabberd on loopback. Goals from issue 3: a run
 * with nothing to do against a node of 1,000 items within 1 s, 100 new posts
 * within 3 s. Wall times include Node's start-up.
 */
const NODE = "bench";
const EXISTING = 1_000;
const NEW = 100;
const REPEATS = 3;

interface Measured {
  seconds: number;
  stanzas: number;
  published: number;
}

async function measuredRun(world: PubsubWorld, siteDir: string): Promise<Measured> {
  const started = performance.now();
  // Seeding and the additions are mass publications on purpose.
  const result = await world.run(siteDir, NODE, ["--json", "--allow-mass-publish"]);
  const seconds = (performance.now() - started) / 1000;
  if (result.exit !== 0) throw new Error(`npm run pubsub failed (${result.exit}): ${result.stderr}`);
  const report = JSON.parse(result.stdout) as { stanzasSent: number; feeds: { summary: { publish: number } }[] };
  const published = report.feeds.reduce((sum, feed) => sum + feed.summary.publish, 0);
  return { seconds, stanzas: report.stanzasSent, published };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

function row(server: string, what: string, runs: Measured[], goal: string): string {
  const seconds = runs.map((run) => run.seconds);
  const spread = runs.length > 1 ? ` (${seconds.map((s) => s.toFixed(2)).join(", ")})` : "";
  const stanzas = median(runs.map((run) => run.stanzas));
  return `| ${server} | ${what} | ${median(seconds).toFixed(2)} s${spread} | ${stanzas} | ${goal} |`;
}

const ITEM_ROOM = EXISTING + NEW * REPEATS + 100;

/**
 * Prosody's file storage rewrites a node's whole item file on every publish,
 * which would measure Prosody's disk rather than the publisher: its items are
 * kept in memory here. ejabberd (what STEP.im runs) keeps them in Mnesia as usual.
 */
const SERVERS: { name: string; start: (ca: TestCa) => Promise<PubsubServer> }[] = [
  {
    name: "Prosody 0.12, items in memory",
    start: (ca) =>
      startProsody({
        accounts: [PUBLISHER],
        admins: [`${PUBLISHER.username}@step.test`],
        pubsub: { maxItems: ITEM_ROOM },
        extraConfig: `storage = { pubsub_data = "memory" }\nstorage_archive_item_limit = ${ITEM_ROOM}`,
        ca,
      }),
  },
  {
    name: "ejabberd 23.01, Mnesia",
    start: (ca) => startEjabberd({ accounts: [PUBLISHER], pubsub: { maxItemsNode: ITEM_ROOM }, ca }),
  },
];

async function benchRows(name: string, world: PubsubWorld): Promise<string[]> {
  try {
    // One post a minute after the cutoff, so every one of them is new to the node.
    const posts = (count: number) =>
      Array.from({ length: count }, (_, i) => world.post(`bench-${i + 1}`, (i + 1) / (24 * 60)));
    const site = world.build(posts(EXISTING));
    const seed = await measuredRun(world, site);
    if (seed.published !== EXISTING) throw new Error(`the seeding run published ${seed.published} items`);

    const noOps: Measured[] = [];
    for (let i = 0; i < REPEATS; i += 1) noOps.push(await measuredRun(world, site));
    const additions: Measured[] = [];
    for (let i = 1; i <= REPEATS; i += 1) {
      world.build(posts(EXISTING + NEW * i), site);
      const added = await measuredRun(world, site);
      if (added.published !== NEW) throw new Error(`a run with ${NEW} new posts published ${added.published}`);
      additions.push(added);
    }
    return [
      row(name, `publish ${EXISTING.toLocaleString("en")} posts to an empty node (seeding)`, [seed], "–"),
      row(name, `nothing to do, node holds ${EXISTING.toLocaleString("en")} items`, noOps, "≤ 1 s"),
      row(name, `publish ${NEW} new posts`, additions, "≤ 3 s"),
    ];
  } finally {
    await world.dispose();
  }
}

export async function run(): Promise<void> {
  const ca = createTestCa("STEP.im benchmark CA");
  const rows: string[] = [];
  try {
    for (const { name, start } of SERVERS) rows.push(...(await benchRows(name, pubsubWorld(await start(ca)))));
  } finally {
    rmSync(ca.dir, { recursive: true, force: true });
  }
  console.log(`Loopback; each run is a fresh \`npm run pubsub\` process; median of ${REPEATS} runs (each run)\n`);
  console.log("| server | run | wall time | stanzas sent | goal |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const line of rows) console.log(line);
}
