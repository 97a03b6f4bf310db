import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { getCACertificates, setDefaultCACertificates } from "node:tls";
import { toJstDateString } from "../../src/lib/dates/jst.ts";
import { expectedEntryPath } from "../../src/lib/news/post-path.ts";
import { copyOfContent, tempSiteDir, withSiteBuild } from "../harness/build-site.ts";
import { PUBLISHER, prosodyWorld, SUBSCRIBER } from "../harness/pubsub/world.ts";
import { deployVariables, startSshServer } from "../harness/sshd.ts";
import { createTestCa } from "../harness/test-ca.ts";
import { PROJECT_ROOT } from "../lib/project-root.ts";
import { measuredRun } from "./measured-run.ts";

/**
 * `npm run bench -- publish-path`: how long a content-only change takes to
 * reach readers on this machine, step by step as CI runs it after its installs:
 * `npm run check`, `npm run build`, `npm run deploy` (rsync over SSH to a
 * private sshd on loopback, into a web root that holds the previous build) and
 * `npm run pubsub` (to a private Prosody), until an independent subscriber of
 * the news node has the new post's notification. Issue 14's goal: under 60 s.
 */
const NODE = "bench-news";
const SLUG = "publish-path-bench";
const NOTIFICATION_WAIT_MS = 60_000;

const seconds = (from: number, to: number) => `${((to - from) / 1000).toFixed(1)} s`;

/** A published post of today (in Japan), as an editor would commit it. */
function addTodaysPost(contentDir: string): void {
  const now = new Date();
  const file = join(contentDir, "news", expectedEntryPath(now, SLUG));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    `---\ntitle: "公開経路の計測"\ndate: ${toJstDateString(now)}\ntags: [お知らせ]\n---\n\nこの記事は公開までの時間を計るためのものです。\n`,
  );
}

export async function run(): Promise<void> {
  const ca = createTestCa("STEP.im benchmark CA");
  // The subscriber connects from this process, which started before the CA existed (the CLIs get NODE_EXTRA_CA_CERTS).
  setDefaultCACertificates([...getCACertificates("default"), readFileSync(ca.certFile, "utf8")]);
  const world = await prosodyWorld({ admins: [PUBLISHER], ca });
  const sshd = await startSshServer();
  const content = copyOfContent();
  const siteDir = tempSiteDir("bench-publish-path");
  const build = () =>
    withSiteBuild(content, siteDir, {}, ({ command, args, options }) => measuredRun(command, args, options));
  const deploy = () =>
    measuredRun("bash", [join(PROJECT_ROOT, "scripts/deploy.sh")], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...deployVariables(sshd, siteDir) },
    });
  try {
    // Before the change: the site as it is, built and deployed; a reader subscribed to the node.
    await build();
    await deploy();
    const publisher = await world.connect(PUBLISHER);
    await publisher.createNode(NODE);
    const reader = await world.connect(SUBSCRIBER);
    await reader.subscribe(NODE);

    addTodaysPost(content);
    const started = performance.now();
    await measuredRun(process.execPath, [join(PROJECT_ROOT, "scripts/check.ts")], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, STEP_CONTENT_DIR: content },
    });
    const checked = performance.now();
    await build();
    const built = performance.now();
    await deploy();
    const deployed = performance.now();
    const publish = world.run(siteDir, NODE, [], { STEP_CONTENT_DIR: content });
    const arrived = (async () => {
      const deadline = Date.now() + NOTIFICATION_WAIT_MS;
      while (!reader.notifications.some(({ kind, id }) => kind === "item" && id.includes(SLUG))) {
        if (Date.now() > deadline) throw new Error(`no notification of ${SLUG} reached the subscriber`);
        await sleep(10);
      }
      return performance.now();
    })();
    const published = await publish;
    if (published.exit !== 0) throw new Error(`npm run pubsub failed (${published.exit}): ${published.stderr}`);
    const received = await arrived;

    console.log("A new post of today, from `npm run check` to a subscriber's notification (loopback)\n");
    console.log("| step | time |");
    console.log("| --- | ---: |");
    console.log(`| npm run check (content, astro check, build with drafts, links) | ${seconds(started, checked)} |`);
    console.log(`| npm run build | ${seconds(checked, built)} |`);
    console.log(`| npm run deploy (rsync over SSH, previous build in place) | ${seconds(built, deployed)} |`);
    console.log(`| npm run pubsub, until the subscriber has the notification | ${seconds(deployed, received)} |`);
    console.log(`| **total** | **${seconds(started, received)}** |`);
  } finally {
    rmSync(content, { recursive: true, force: true });
    rmSync(siteDir, { recursive: true, force: true });
    await sshd.stop();
    await world.dispose();
    rmSync(ca.dir, { recursive: true, force: true });
  }
}
