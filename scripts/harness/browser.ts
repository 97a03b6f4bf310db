import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { type StaticServer, serveStatic } from "./static-server.ts";

/** Debian's Chromium: the tests never download a browser of their own. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** `extraFlags` add to the usual ones, e.g. `--remote-debugging-port=N` for Lighthouse. */
export function launchChromium(extraFlags: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_FLAGS, ...extraFlags] });
}

/** A built site served on loopback, and a headless Chromium to look at it. */
export interface SiteSession {
  server: StaticServer;
  browser: Browser;
  /** `server.origin` + path, for `page.goto`. */
  url(path: string): string;
  /**
   * A fresh browser context (cookies, storage and colour scheme of its own)
   * whose requests are watched: every URL asked for outside the site's own
   * origin ends up in `foreignRequests`, and is refused.
   */
  newContext(options?: BrowserContextOptions): Promise<WatchedContext>;
  close(): Promise<void>;
}

export interface WatchedContext {
  context: BrowserContext;
  foreignRequests: string[];
}

/** `chromiumFlags` are added to the usual ones (say, to map test host names to loopback). */
export async function openSite(siteDir: string, chromiumFlags: string[] = []): Promise<SiteSession> {
  const server = await serveStatic(siteDir);
  let browser: Browser;
  try {
    browser = await launchChromium(chromiumFlags);
  } catch (error) {
    await server.close();
    throw error;
  }
  const contexts: BrowserContext[] = [];
  return {
    server,
    browser,
    url: (path) => new URL(path, server.origin).href,
    async newContext(options = {}) {
      const context = await browser.newContext({ locale: "ja-JP", timezoneId: "Asia/Tokyo", ...options });
      contexts.push(context);
      const foreignRequests: string[] = [];
      await context.route(
        (url) => !isSameOrigin(url, server.origin),
        (route) => {
          foreignRequests.push(route.request().url());
          return route.abort("blockedbyclient");
        },
      );
      return { context, foreignRequests };
    },
    async close() {
      await Promise.allSettled(contexts.map((context) => context.close()));
      await browser.close().finally(() => server.close());
    },
  };
}

/** `data:` and `blob:` URLs never leave the browser; anything else must be the site itself. */
function isSameOrigin(url: URL, origin: string): boolean {
  return url.protocol === "data:" || url.protocol === "blob:" || url.origin === origin;
}

/** Runs `use` on a new page of `context`, and closes the page afterwards whatever happens. */
export async function withPage<T>(context: BrowserContext, use: (page: Page) => Promise<T>): Promise<T> {
  const page = await context.newPage();
  try {
    return await use(page);
  } finally {
    await page.close();
  }
}
