import { createHash } from "node:crypto";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "../../scripts/harness/browser.ts";
import { PROJECT_ROOT } from "../../scripts/lib/project-root.ts";
import { NGINX_SNIPPET_FILE } from "../../src/lib/well-known/nginx-snippet.ts";
import { type NginxSite, serveWithNginx } from "../support/nginx.ts";
import { htmlPages } from "../support/site-files.ts";

const siteDir = inject("realSiteDir");
const builtPaths = [...htmlPages(siteDir).keys()].sort();

function firstBuilt(kind: string, pattern: RegExp): string {
  const path = builtPaths.find((candidate) => pattern.test(candidate));
  if (path === undefined) throw new Error(`the build has no ${kind} page to test the CSP on`);
  return path;
}

/** A policy's directives: name → its sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name = "", ...sources]) => [name.toLowerCase(), sources]),
  );
}

const HASH_SOURCE = /^'sha(256|384|512)-[A-Za-z0-9+/]+={0,2}'$/;
/** Beside hashes, the only sources code may come from: the site itself, and (scripts) compiling WebAssembly for Pagefind. */
const ALLOWED_SOURCES = { "script-src": ["'self'", "'wasm-unsafe-eval'"], "style-src": ["'self'"] } as const;

describe("each built page's own Content-Security-Policy", () => {
  it.each(builtPaths)("%s allows its code by hash only: no 'unsafe-inline', no 'unsafe-eval'", (path) => {
    const page = htmlPages(siteDir).get(path);
    const metas = page?.querySelectorAll('meta[http-equiv="content-security-policy"]') ?? [];
    if (metas.length === 0) {
      // Astro's redirect pages carry no policy; they must then carry no code either.
      expect(page?.querySelectorAll("script, style, link[rel=stylesheet], [style]") ?? []).toEqual([]);
      return;
    }
    expect(metas).toHaveLength(1);
    const policy = directives(metas[0]?.getAttribute("content") ?? "");
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    for (const [directive, allowed] of Object.entries(ALLOWED_SOURCES)) {
      const sources = policy.get(directive);
      expect(sources, `${path} must have its own ${directive}`).toBeDefined();
      const loose = (sources ?? []).filter(
        (source) => !HASH_SOURCE.test(source) && !(allowed as readonly string[]).includes(source),
      );
      expect(loose, `${directive} of ${path}`).toEqual([]);
    }
    // Every inline script and style the page has must be one the policy names by its hash.
    for (const element of page?.querySelectorAll("script:not([src]), style") ?? []) {
      const directive = element.tagName === "STYLE" ? "style-src" : "script-src";
      if (element.getAttribute("type") === "application/ld+json") continue;
      const hash = `'sha256-${createHash("sha256").update(element.rawText).digest("base64")}'`;
      expect(policy.get(directive), `${path}: inline ${element.tagName.toLowerCase()}`).toContain(hash);
    }
  });
});

interface Violation {
  directive: string;
  blocked: string;
  source: string;
}

/** Records every CSP violation a page reports, from the first byte on (init scripts are exempt from CSP). */
function recordViolations() {
  const violations: Violation[] = [];
  (globalThis as unknown as { __violations: Violation[] }).__violations = violations;
  document.addEventListener("securitypolicyviolation", (event) => {
    violations.push({ directive: event.effectiveDirective, blocked: event.blockedURI, source: event.sourceFile });
  });
}

describe("the site under its Content Security Policy, in Chromium", () => {
  let nginx: NginxSite;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    nginx = await serveWithNginx(siteDir, join(PROJECT_ROOT, NGINX_SNIPPET_FILE));
    browser = await launchChromium();
    context = await browser.newContext({ locale: "ja-JP", timezoneId: "Asia/Tokyo" });
    await context.addInitScript(recordViolations);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await nginx?.close();
  });

  /** Opens `path`; returns the page, the CSP messages Chromium logged, and the response's CSP header. */
  async function open(path: string, settle: (page: Page) => Promise<unknown> = () => Promise.resolve()) {
    const page = await context.newPage();
    const consoleCsp: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) consoleCsp.push(message.text());
    });
    const response = await page.goto(new URL(path, nginx.origin).href, { waitUntil: "load" });
    await settle(page);
    const violations = await page.evaluate(() => (globalThis as unknown as { __violations: unknown[] }).__violations);
    return { page, violations, consoleCsp, headerCsp: response?.headers()["content-security-policy"] };
  }

  const pages: Record<string, () => string> = {
    home: () => "/",
    "a news post": () => firstBuilt("news post", /^\/blog\/\d{4}\/\d{4}-[^/]+\/$/),
    "a guide": () => firstBuilt("guide", /^\/guides\/[^/]+\/$/),
    "the privacy policy": () => "/privacy/",
  };

  it.each(Object.entries(pages))("%s loads without a CSP violation", async (_, pathOf) => {
    const { page, violations, consoleCsp, headerCsp } = await open(pathOf());
    expect(headerCsp).toContain("frame-ancestors 'none'");
    expect(await page.locator('meta[http-equiv="content-security-policy"]').count()).toBe(1);
    expect(violations).toEqual([]);
    expect(consoleCsp).toEqual([]);
    await page.close();
  });

  it("search runs Pagefind (worker and WebAssembly) and finds results without a CSP violation", async () => {
    // A result fragment is only fetched once the WebAssembly engine has answered the query.
    const { page, violations, consoleCsp } = await open(`/search/?q=${encodeURIComponent("証明書")}`, (page) =>
      page.waitForResponse((response) => response.url().endsWith(".pf_fragment") && response.ok(), {
        timeout: 30_000,
      }),
    );
    await page.waitForLoadState("networkidle");
    expect(violations).toEqual([]);
    expect(consoleCsp).toEqual([]);
    await page.close();
  });

  it("really blocks code the page did not ship (the policy is enforced)", async () => {
    const { page } = await open("/");
    const result = await page.evaluate(async () => {
      const script = document.createElement("script");
      script.textContent = "globalThis.__injected = true;";
      document.head.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return {
        ran: (globalThis as unknown as { __injected?: boolean }).__injected === true,
        violations: (globalThis as unknown as { __violations: Violation[] }).__violations,
      };
    });
    expect(result.ran).toBe(false);
    expect(result.violations).toContainEqual(
      expect.objectContaining({ directive: "script-src-elem", blocked: "inline" }),
    );
    await page.close();
  });
});
