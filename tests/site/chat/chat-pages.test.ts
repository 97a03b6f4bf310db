import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, inject, it } from "vitest";
import { chatConfig } from "../../../src/chat/chat-config.ts";
import { converseAssetsPath } from "../../../src/chat/converse-assets.ts";
import { serverFacts } from "../../../src/lib/server-facts/load.ts";
import { htmlPages } from "../../support/site-files.ts";

/** The chat's parts in the real built site: where they are, what they carry, and what they leave out. */
const siteDir = inject("realSiteDir");
const pages = htmlPages(siteDir);
const facts = serverFacts();
const { webClientPath } = facts.xmpp;
const expectedConfig = chatConfig(facts);

describe("the chat tab on every page", () => {
  // Redirect stubs (old URLs) have no layout of their own to carry a tab.
  const contentPages = [...pages].filter(
    ([path, page]) => path !== webClientPath && !page.querySelector('meta[http-equiv="refresh"]'),
  );

  it.each(contentPages)("%s has the tab, carrying the server facts", (_, page) => {
    const tabs = page.querySelectorAll("[data-lazy=chat]");
    expect(tabs).toHaveLength(1);
    const [tab] = tabs;
    expect(tab?.tagName).toBe("BUTTON");
    expect(tab?.getAttribute("type")).toBe("button");
    expect(tab?.getAttribute("aria-expanded")).toBe("false");
    expect(tab?.textContent.trim()).toBe("チャット");
    const config = tab?.closest("[data-chat-config]")?.getAttribute("data-chat-config");
    expect(JSON.parse(config ?? "null")).toEqual(expectedConfig);
  });

  it("links no chat code or stylesheet from any page: the loader imports it on the first click", () => {
    for (const [path, page] of pages) {
      const scripts = page.querySelectorAll("script[src]").map((script) => script.getAttribute("src") ?? "");
      const loaded = page
        .querySelectorAll("link[href]")
        .filter((link) => /stylesheet|preload/.test(link.getAttribute("rel") ?? ""))
        .map((link) => link.getAttribute("href") ?? "");
      const references = [...scripts, ...loaded];
      expect(
        references.filter((reference) => /chat|converse/.test(reference)),
        path,
      ).toEqual([]);
    }
  });
});

describe("the web client page", () => {
  const page = pages.get(webClientPath);

  it("is served at the path server.yaml names", () => {
    expect(page, `no page at ${webClientPath}`).toBeDefined();
  });

  it("has a login form that the loader starts, with the facts and the Converse.js folder, and no chat tab", () => {
    const form = page?.querySelector("form[data-lazy-now=web-client]");
    expect(JSON.parse(form?.getAttribute("data-chat-config") ?? "null")).toEqual(expectedConfig);
    expect(form?.getAttribute("data-converse-assets")).toBe(converseAssetsPath(webClientPath));
    // Disabled until the script takes over, so a password is never sent as a plain form.
    expect(form?.querySelector("fieldset")?.hasAttribute("disabled")).toBe(true);
    expect(form?.querySelector("input[name=password]")?.getAttribute("autocomplete")).toBe("current-password");
    expect(page?.querySelectorAll("[data-lazy=chat]")).toHaveLength(0);
  });

  it("offers no registration, only the way to the registration guide", () => {
    expect(page?.querySelector('a[href="/guides/register/"]')).not.toBeNull();
    expect(page?.querySelectorAll("form")).toHaveLength(1);
    expect(page?.querySelectorAll("input")).toHaveLength(2);
  });

  it("ships the files of Converse.js it loads, unchanged, from the site itself", () => {
    const packageDir = dirname(dirname(fileURLToPath(import.meta.resolve("converse.js"))));
    const assets = join(siteDir, converseAssetsPath(webClientPath));
    for (const file of ["converse.min.js", "converse.min.css", "chunkjs/locales/ja-LC_MESSAGES-converse-po.js"]) {
      expect(readFileSync(join(assets, file)).equals(readFileSync(join(packageDir, "dist", file))), file).toBe(true);
    }
    expect(readFileSync(join(assets, "LICENSE"), "utf8")).toContain("Mozilla Public License");
  });
});
