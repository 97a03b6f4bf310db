import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { withPage } from "../../scripts/harness/browser.ts";
import { firstPage } from "../../scripts/harness/built-site.ts";
import { shownResults } from "../support/search-page.ts";
import { siteForSuite } from "../support/site-suite.ts";

const siteDir = inject("realSiteDir");

interface Contrast {
  pageBackgroundLuminance: number;
  checked: number;
  unreadable: string[];
}

/**
 * Measures, in the page, the WCAG contrast of every piece of visible text
 * against the background it is drawn on: 4.5:1 for body text, 3:1 for large
 * text (24 px, or 18.66 px bold). Colours the browser reports in another
 * form than rgb() count as unreadable, so they cannot slip through unmeasured.
 */
function measureContrast(): Contrast {
  type Rgba = [number, number, number, number];
  const parse = (css: string): Rgba | undefined => {
    const match = /^rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/?\s?([\d.]+))?\)$/.exec(css);
    return match ? [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4] ?? 1)] : undefined;
  };
  const over = (top: Rgba, below: Rgba): Rgba => [
    top[0] * top[3] + below[0] * (1 - top[3]),
    top[1] * top[3] + below[1] * (1 - top[3]),
    top[2] * top[3] + below[2] * (1 - top[3]),
    1,
  ];
  const luminance = ([r, g, b]: Rgba) => {
    const linear = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const ratio = (a: Rgba, b: Rgba) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (light + 0.05) / (dark + 0.05);
  };
  const backgroundOf = (element: Element | null): Rgba | undefined => {
    const layers: Rgba[] = [];
    for (let node = element; node; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (!colour) return undefined;
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] === 1) break;
    }
    return layers.reduceRight<Rgba>((below, top) => over(top, below), [255, 255, 255, 1]);
  };

  const unreadable: string[] = [];
  let checked = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const element = text.parentElement;
    if (!element || !text.textContent?.trim() || !element.checkVisibility({ visibilityProperty: true })) continue;
    const style = getComputedStyle(element);
    if (style.clipPath !== "none") continue; // visually hidden, for screen readers only
    const colour = parse(style.color);
    const background = backgroundOf(element);
    const label = `"${text.textContent.trim().slice(0, 30)}" (${style.color} on ${background?.join(",") ?? "?"})`;
    if (!colour || !background) {
      unreadable.push(`${label}: unmeasurable colour`);
      continue;
    }
    const size = Number.parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const contrast = ratio(over(colour, background), background);
    checked++;
    if (contrast < (large ? 3 : 4.5)) unreadable.push(`${label}: ${contrast.toFixed(2)}:1`);
  }
  const pageBackground = backgroundOf(document.body) ?? [0, 0, 0, 1];
  return { pageBackgroundLuminance: luminance(pageBackground), checked, unreadable };
}

const PAGES: [string, (page: Page) => Promise<void>][] = [
  ["/", async () => {}],
  [firstPage(siteDir, /^\/blog\/\d{4}\/\d{4}-[^/]+\/$/).urlPath, async () => {}],
  ["/privacy/", async () => {}],
  [firstPage(siteDir, /^\/guides\/[^/]+\/$/).urlPath, async () => {}],
  ["/search/?q=IRC", (page) => shownResults(page, "", "IRC").then(() => {})],
];

describe.each([
  ["light", (luminance: number) => luminance > 0.8],
  ["dark", (luminance: number) => luminance < 0.05],
] as const)("text is readable in the %s colour scheme", (colorScheme, isThatScheme) => {
  const suite = siteForSuite(siteDir, { colorScheme });

  it.each(PAGES)("%s", (path, prepare) =>
    withPage(suite.watched.context, async (page) => {
      await page.goto(suite.site.url(path));
      await prepare(page);
      const contrast = await page.evaluate(measureContrast);
      const luminance = contrast.pageBackgroundLuminance;
      expect(isThatScheme(luminance), `page background luminance ${luminance}`).toBe(true);
      expect(contrast.checked).toBeGreaterThan(10);
      expect(contrast.unreadable).toEqual([]);
    }),
  );
});
