const ROOT_RELATIVE_URL = /(\s(?:href|src|poster)\s*=\s*)(["'])(\/(?!\/)[^"']*)\2/gi;

/**
 * Feed readers and chat clients show an entry away from the site, so links in
 * its HTML must be absolute. The HTML comes from our own Markdown renderer,
 * which always quotes attribute values.
 */
export function absolutizeUrls(html: string, siteUrl: string): string {
  return html.replace(
    ROOT_RELATIVE_URL,
    (_match, lead: string, quote: string, path: string) => `${lead}${quote}${new URL(path, siteUrl).href}${quote}`,
  );
}
