import type { ServerFacts } from "../server-facts/schema.ts";
import { WELL_KNOWN_FILES } from "./files.ts";
import { securityHeaders } from "./security-headers.ts";

export const NGINX_SNIPPET_FILE = "docs/nginx.conf";
export const NGINX_SNIPPET_COMMAND = "node_modules/.bin/node scripts/write-nginx-snippet.ts";

/**
 * The nginx configuration `docs/nginx.conf`, generated so that its headers
 * can never drift from the ones the tests serve the site with.
 */
export function nginxSnippet(facts: ServerFacts): string {
  const headers = Object.entries(securityHeaders(facts)).map(([name, value]) => addHeader(name, value));
  const wellKnownLocations = Object.values(WELL_KNOWN_FILES).flatMap((file) => [
    "",
    `location = ${file.path} {`,
    // An empty types map makes default_type apply whatever the file name ends in (host-meta has no extension).
    "    types { }",
    `    default_type "${file.contentType}";`,
    `    ${addHeader("Access-Control-Allow-Origin", "*")}`,
    ...headers.map((line) => `    ${line}`),
    "}",
  ]);
  return [
    `# STEP.im (${facts.site.url}): nginx settings for the static site in dist/.`,
    `# Generated from src/lib/well-known/ and content/server.yaml; do not edit by hand.`,
    `# After changing either, regenerate with: ${NGINX_SNIPPET_COMMAND}`,
    "#",
    "# Include it inside the TLS server block that serves dist/, e.g.",
    "#   server { listen 443 ssl; server_name step.im; root /srv/step.im/dist; include step-im.conf; }",
    "#",
    "# nginx forgets the server-level add_header lines in any location that sets",
    "# its own, so every location below repeats the security headers.",
    "",
    "charset utf-8;",
    ...headers,
    "error_page 404 /404.html;",
    ...wellKnownLocations,
    "",
  ].join("\n");
}

function addHeader(name: string, value: string): string {
  return `add_header ${name} "${value}" always;`;
}
