import { spawn } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite, copyOfContent } from "../../../scripts/harness/build-site.ts";
import { builtPages } from "../../../scripts/harness/built-site.ts";
import { childEnv } from "../../../scripts/harness/child-env.ts";
import { freePorts } from "../../../scripts/harness/free-ports.ts";
import { withBuildLock } from "../../../scripts/lib/build-lock.ts";
import { ASTRO_CLI, PROJECT_ROOT } from "../../../scripts/lib/project-root.ts";
import { parseAtomFeed } from "../../support/atom-assert.ts";
import { addFiles, post } from "../../support/run-script.ts";
import { siteFile } from "../../support/site-files.ts";

/** Each post carries a word found nowhere else, so any trace of it in the output can be searched for. */
const POSTS = {
  draft: {
    url: "/blog/2020/0101-secret-draft/",
    title: "非公開の下書き記事",
    word: "下書き固有語ズクシ",
    tag: "下書きだけのタグ",
  },
  scheduled: {
    url: "/blog/2099/1231-far-future/",
    title: "遠い未来の予約投稿",
    word: "予約固有語ムヨロ",
    tag: "未来だけのタグ",
  },
  control: {
    url: "/blog/2020/0102-public-control/",
    title: "公開されている対照記事",
    word: "対照固有語ネフテ",
    tag: "対照だけのタグ",
  },
};
const FILES = {
  "news/2020/0101-secret-draft.md": post(
    `title: ${POSTS.draft.title}\ndate: 2020-01-01\ndraft: true\ntags: [${POSTS.draft.tag}]`,
    POSTS.draft.word,
  ),
  "news/2099/1231-far-future.md": post(
    `title: ${POSTS.scheduled.title}\ndate: 2099-12-31T18:00\ntags: [${POSTS.scheduled.tag}]`,
    POSTS.scheduled.word,
  ),
  "news/2020/0102-public-control.md": post(
    `title: ${POSTS.control.title}\ndate: 2020-01-02\ntags: [${POSTS.control.tag}]`,
    POSTS.control.word,
  ),
};

let contentDir = "";
let siteDir = "";
beforeAll(async () => {
  contentDir = copyOfContent();
  addFiles(contentDir, FILES);
  siteDir = await buildSite(contentDir);
});
afterAll(() => {
  rmSync(contentDir, { recursive: true, force: true });
  rmSync(siteDir, { recursive: true, force: true });
});

/** Every page Pagefind indexed: its URL and text, from the index's own (gzipped) fragment files. */
function searchIndex(): { url: string; content: string; title: string }[] {
  const fragments = join(siteDir, "pagefind", "fragment");
  return readdirSync(fragments).map((name) => {
    const text = gunzipSync(readFileSync(join(fragments, name))).toString("utf8");
    const fragment = JSON.parse(text.slice(text.indexOf("{"))) as {
      url: string;
      content: string;
      meta: { title?: string };
    };
    return { url: fragment.url, content: fragment.content, title: fragment.meta.title ?? "" };
  });
}

describe.each([
  ["a draft", POSTS.draft, false],
  ["a post dated in the future", POSTS.scheduled, false],
  ["a public post (the control)", POSTS.control, true],
])("a production build with %s", (_, { url, title, word, tag }, shown) => {
  it(shown ? "has its page and tag page" : "has no page, no tag page, and no trace in any page", () => {
    const pages = builtPages(siteDir);
    expect(pages.some((page) => page.urlPath === url)).toBe(shown);
    expect(pages.some((page) => decodeURIComponent(page.urlPath) === `/tags/${tag}/`)).toBe(shown);
    expect(pages.filter((page) => page.html.includes(title) || page.html.includes(word)).length > 0).toBe(shown);
  });

  it(shown ? "is in the Atom feed" : "is not in the Atom feed (so never sent to PubSub)", () => {
    const { entries } = parseAtomFeed(siteFile(siteDir, "atom.xml"));
    expect(entries.some((entry) => entry.id.endsWith(`:${url}`) || entry.title === title)).toBe(shown);
  });

  it(shown ? "is in the sitemap" : "is not in the sitemap", () => {
    const sitemaps = readdirSync(siteDir).filter((name) => /^sitemap-\d+\.xml$/.test(name));
    const locations = sitemaps.flatMap((name) =>
      [...siteFile(siteDir, name).matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) =>
        decodeURI(new URL(match[1] as string).pathname),
      ),
    );
    expect(locations).toContain("/blog/");
    expect(locations.includes(url)).toBe(shown);
    expect(locations.includes(`/tags/${tag}/`)).toBe(shown);
  });

  it(shown ? "is in the search index" : "is not in the search index", () => {
    const index = searchIndex();
    expect(index.length).toBeGreaterThan(5);
    expect(index.some((page) => page.url === url)).toBe(shown);
    expect(index.some((page) => page.content.includes(word) || page.title.includes(title))).toBe(shown);
  });
});

/** The page once the dev server answers it: it starts with 404s until its content is loaded. */
async function fetchWhenUp(url: string, deadline: number): Promise<Response> {
  for (;;) {
    const response = await fetch(url).catch((error: unknown) => error as Error);
    if (response instanceof Response && response.status === 200) return response;
    if (Date.now() > deadline) {
      throw new Error(`${url}: ${response instanceof Response ? `HTTP ${response.status}` : response.message}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** Runs `astro dev` on a free loopback port for `work`, and always stops it (its whole process group) after. */
async function withDevServer(contentDir: string, work: (origin: string) => Promise<void>): Promise<void> {
  const port = (await freePorts(1))[0] as number;
  const server = spawn(process.execPath, [ASTRO_CLI, "dev", "--host", "127.0.0.1", "--port", String(port)], {
    cwd: PROJECT_ROOT,
    env: childEnv({ STEP_CONTENT_DIR: contentDir, ASTRO_TELEMETRY_DISABLED: "1" }),
    stdio: "ignore",
    detached: true,
  });
  const exited = new Promise((resolve) => server.once("exit", resolve));
  try {
    await work(`http://127.0.0.1:${port}`);
  } finally {
    if (server.pid && server.exitCode === null) process.kill(-server.pid, "SIGTERM");
    await exited;
  }
}

describe("npm run dev (the editors' preview)", () => {
  it("shows drafts and scheduled posts, each clearly marked", async () => {
    // The dev server writes Astro's shared state too: it waits for builds and they wait for it.
    await withBuildLock(PROJECT_ROOT, () =>
      withDevServer(contentDir, async (origin) => {
        const deadline = Date.now() + 90_000;
        for (const [{ url, title }, mark] of [
          [POSTS.draft, "下書き"],
          [POSTS.scheduled, "予約投稿"],
        ] as const) {
          const html = await (await fetchWhenUp(`${origin}${url}`, deadline)).text();
          expect(html).toContain(title);
          expect(html).toMatch(new RegExp(`<span[^>]*>\\s*${mark}\\s*</span>`));
        }
        const control = await (await fetchWhenUp(`${origin}${POSTS.control.url}`, deadline)).text();
        expect(control).toContain(POSTS.control.title);
        expect(control).not.toMatch(/<span[^>]*>\s*(下書き|予約投稿)\s*<\/span>/);
      }),
    );
  }, 150_000);
});
