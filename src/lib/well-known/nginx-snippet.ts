import { FEED_FILES, type FeedFile } from "../feed-files.ts";
import {
  GONE_PATHS,
  OLD_FEED_ADDRESSES,
  OLD_FEED_TARGET,
  OLD_PAGE_REDIRECTS,
  POST_NUMBER_TARGET,
  POST_WITHOUT_SLASH,
  QUERY_PAGES,
} from "../old-site/addresses.ts";
import type { ServerFacts } from "../server-facts/schema.ts";
import { WELL_KNOWN_FILES } from "./files.ts";
import { securityHeaders } from "./security-headers.ts";

export const NGINX_SNIPPET_FILE = "docs/nginx.conf";
export const NGINX_SNIPPET_COMMAND = "node_modules/.bin/node scripts/write-nginx-snippet.ts";

/**
 * The nginx configuration `docs/nginx.conf`, generated so that its headers,
 * media types and redirects can never drift from the ones the tests serve the
 * site with.
 */
export function nginxSnippet(facts: ServerFacts): string {
  const headers = Object.entries(securityHeaders(facts)).map(([name, value]) => addHeader(name, value));
  const wellKnownLocations = Object.values(WELL_KNOWN_FILES).flatMap((file) =>
    location(`= ${file.path}`, [
      ...servedAs(file.contentType),
      addHeader("Access-Control-Allow-Origin", "*"),
      ...headers,
    ]),
  );
  return [
    `# STEP.im (${facts.site.url}): nginx settings for the static site in dist/.`,
    `# Generated from src/lib/well-known/, src/lib/old-site/ and content/server.yaml; do not edit by hand.`,
    `# After changing either, regenerate with: ${NGINX_SNIPPET_COMMAND}`,
    "#",
    "# Include it inside the TLS server block that serves dist/, e.g.",
    "#   server { listen 443 ssl; server_name step.im; root /srv/step.im/dist; include step-im.conf; }",
    "#",
    "# nginx forgets the server-level add_header lines in any location that sets",
    "# its own, so every location below that adds a header repeats the security headers.",
    "",
    "charset utf-8;",
    ...headers,
    "error_page 404 /404.html;",
    "",
    ...wellKnownLocations,
    "# Feeds: Debian's mime.types would send both as text/xml.",
    ...Object.values(FEED_FILES).flatMap((file) => location(`= ${file.path}`, servedAs(file.contentType))),
    "# The old WordPress site's addresses (src/lib/old-site/addresses.ts).",
    "# Its feed addresses, with or without the trailing slash as WordPress took them, answer with",
    "# the RSS itself, so no feed reader has to follow a redirect.",
    ...OLD_FEED_ADDRESSES.flatMap((path) => location(`~ "^${path}?$"`, feedAt(OLD_FEED_TARGET))),
    "# ?feed=rss2 (any feed) and ?p=N (a post by number, which cannot be mapped) on the pages WordPress read them.",
    ...QUERY_PAGES.flatMap((path) =>
      location(`= ${path}`, [
        `if ($arg_feed) { return 301 ${OLD_FEED_TARGET.path}; }`,
        `if ($arg_p ~ "^[0-9]+$") { return 301 ${POST_NUMBER_TARGET}; }`,
      ]),
    ),
    ...OLD_PAGE_REDIRECTS.flatMap(({ from, to }) => location(`= ${from}`, [`return 301 ${to};`])),
    "# A post address without its trailing slash.",
    ...location(`~ "${POST_WITHOUT_SLASH}"`, ["return 301 $uri/$is_args$args;"]),
    "# WordPress's login, admin and XML-RPC addresses are gone for good: 410, never a page.",
    ...GONE_PATHS.flatMap((path) =>
      path.endsWith("/")
        ? location(`~ "^${path.slice(0, -1)}(/|$)"`, ["return 410;"])
        : location(`= ${path}`, ["return 410;"]),
    ),
  ].join("\n");
}

function location(match: string, body: string[]): string[] {
  return [`location ${match} {`, ...body.map((line) => `    ${line}`), "}", ""];
}

/** An empty types map makes default_type apply whatever the file name ends in (host-meta has no extension). */
function servedAs(contentType: string): string[] {
  return ["types { }", `default_type "${contentType}";`];
}

function feedAt(file: FeedFile): string[] {
  return [...servedAs(file.contentType), `try_files ${file.path} =404;`];
}

function addHeader(name: string, value: string): string {
  return `add_header ${name} "${value}" always;`;
}
