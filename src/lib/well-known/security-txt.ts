import type { ServerFacts } from "../server-facts/schema.ts";
import { contactUris } from "./contact-uris.ts";
import { WELL_KNOWN_FILES } from "./files.ts";

/**
 * RFC 9116 wants `Expires` less than a year ahead, so a forgotten file turns
 * stale instead of pointing reporters at an address nobody reads. Half a year
 * leaves room between deploys: every build moves it forward.
 */
export const SECURITY_TXT_LIFETIME_DAYS = 180;

const DAY_MS = 24 * 60 * 60 * 1000;

/** `/.well-known/security.txt` for a build made at `builtAt`. */
export function securityTxt(facts: ServerFacts, builtAt: Date): string {
  const { site, operation } = facts;
  const expires = new Date(builtAt.getTime() + SECURITY_TXT_LIFETIME_DAYS * DAY_MS);
  const fields: [string, string][] = [
    ...contactUris(facts).map((uri): [string, string] => ["Contact", uri]),
    ["Expires", `${expires.toISOString().slice(0, 19)}Z`],
    ["Preferred-Languages", operation.contactLanguages.join(", ")],
    ["Canonical", new URL(WELL_KNOWN_FILES.securityTxt.path, site.url).href],
  ];
  return `${fields.map(([name, value]) => `${name}: ${value}`).join("\n")}\n`;
}
