import type { ServerFacts } from "../../../src/lib/server-facts/schema.ts";

/**
 * Paths on the site's own host that other software answers — the web
 * registration, the operations blog, the web client — as server.yaml names
 * them. They are not in the built site, yet a link to them is not broken.
 */
export function pathsServedElsewhere(facts: ServerFacts): string[] {
  const site = new URL(facts.site.url);
  const paths = [facts.xmpp.webClientPath];
  const visit = (value: unknown): void => {
    if (typeof value === "string") {
      const url = URL.parse(value);
      if (url && /^https?:$/.test(url.protocol) && url.hostname === site.hostname && url.pathname !== "/") {
        paths.push(url.pathname);
      }
    } else if (typeof value === "object" && value !== null) {
      Object.values(value).forEach(visit);
    }
  };
  visit(facts);
  return paths;
}
