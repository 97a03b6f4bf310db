import { Parser } from "htmlparser2";

/** What one built HTML page links to, and which fragment targets it offers. */
export interface PageLinks {
  /** Attribute values as written in the HTML (entities decoded). */
  hrefs: string[];
  ids: Set<string>;
  /** Heading ids in page order: the fragments worth suggesting. */
  headingIds: string[];
}

const URL_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ["href"],
  area: ["href"],
  link: ["href"],
  img: ["src", "srcset"],
  source: ["src", "srcset"],
  script: ["src"],
  iframe: ["src"],
  audio: ["src"],
  video: ["src", "poster"],
  track: ["src"],
  embed: ["src"],
  object: ["data"],
};

const HEADING = /^h[1-6]$/;

/** `a.png 1x, b.png 2x` → the URLs. */
function srcsetUrls(value: string): string[] {
  return value
    .split(",")
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? "")
    .filter(Boolean);
}

export function readPageLinks(html: string): PageLinks {
  const page: PageLinks = { hrefs: [], ids: new Set(), headingIds: [] };
  const parser = new Parser({
    onopentag(name, attributes) {
      for (const attribute of URL_ATTRIBUTES[name] ?? []) {
        const value = attributes[attribute];
        if (!value) continue;
        page.hrefs.push(...(attribute === "srcset" ? srcsetUrls(value) : [value.trim()]));
      }
      const id = attributes.id ?? (name === "a" ? attributes.name : undefined);
      if (id) {
        page.ids.add(id);
        if (HEADING.test(name)) page.headingIds.push(id);
      }
    },
  });
  parser.end(html);
  return page;
}
