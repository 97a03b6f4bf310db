import type { AstroUserConfig } from "astro";
import type { ServerFacts } from "../server-facts/schema.ts";

type PageCsp = Exclude<NonNullable<NonNullable<AstroUserConfig["security"]>["csp"]>, boolean>;
type CspDirective = NonNullable<PageCsp["directives"]>[number];

/**
 * What a page may load besides its own scripts and styles. Images and media
 * may come from any https: host because the web chat shows files that people
 * share through their own servers' upload services; the chat connects only to
 * this server's endpoints.
 */
function sharedDirectives(facts: ServerFacts): CspDirective[] {
  const xmppEndpoints = [facts.xmpp.websocketUrl, facts.xmpp.boshUrl].filter((url) => url !== undefined);
  return [
    "img-src 'self' data: blob: https:",
    "media-src 'self' blob: https:",
    "font-src 'self'",
    `connect-src 'self' ${xmppEndpoints.join(" ")}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ];
}

/**
 * Astro's `security.csp`: each page gets a `<meta>` policy whose script-src and
 * style-src list the hashes of that page's own inline code, so no
 * `'unsafe-inline'` is needed. `'wasm-unsafe-eval'` lets Pagefind start its
 * WebAssembly search engine; it does not allow eval() of JavaScript.
 */
export function pageCsp(facts: ServerFacts): PageCsp {
  return {
    algorithm: "SHA-256",
    directives: ["default-src 'self'", ...sharedDirectives(facts)],
    scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
    styleDirective: { resources: ["'self'"] },
  };
}

/**
 * Headers for every response of the site. The CSP header repeats the page
 * policy's directives but leaves out default-src, script-src and style-src:
 * policies combine, and only the page's `<meta>` knows the hashes its inline
 * code needs. It adds frame-ancestors, which a `<meta>` policy cannot set.
 * HSTS leaves out includeSubDomains: the XMPP host names under step.im are not
 * web sites, and nothing here vouches for every one of them.
 */
export function securityHeaders(facts: ServerFacts): Record<string, string> {
  return {
    "Content-Security-Policy": [...sharedDirectives(facts), "frame-ancestors 'none'"].join("; "),
    "Strict-Transport-Security": "max-age=31536000",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
}
