import { serverFacts } from "./server-facts/load.ts";

/** The absolute URL of a site path, for canonical links, Open Graph and feeds. */
export function absoluteUrl(path: string): string {
  return new URL(path, serverFacts().site.url).href;
}

/** `ページ名 | STEP.im`; the home page is the site name alone. */
export function pageTitle(title: string | undefined): string {
  const { name } = serverFacts().site;
  return title ? `${title} | ${name}` : `${name} — 公開 XMPP サーバー`;
}
