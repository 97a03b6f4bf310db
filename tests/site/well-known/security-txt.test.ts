import { describe, expect, inject, it } from "vitest";
import { BUILD_INFO_FILE, type BuildInfo } from "../../../src/lib/build-info.ts";
import { loadServerFacts } from "../../../src/lib/server-facts/load.ts";
import { siteFile } from "../../support/site-files.ts";

const siteDir = inject("realSiteDir");
const facts = loadServerFacts();
const DAY_MS = 24 * 60 * 60 * 1000;

/** RFC 9116 section 2.5: the fields a security.txt may carry. */
const KNOWN_FIELDS = new Set([
  "Acknowledgments",
  "Canonical",
  "Contact",
  "Encryption",
  "Expires",
  "Hiring",
  "Policy",
  "Preferred-Languages",
]);

function fields(text: string): [string, string][] {
  return text
    .split(/\r?\n/)
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const match = /^([A-Za-z-]+): (.+)$/.exec(line);
      if (!match) throw new Error(`not a "Field: value" line: ${line}`);
      return [match[1] as string, match[2] as string];
    });
}

describe("/.well-known/security.txt (RFC 9116)", () => {
  const text = siteFile(siteDir, ".well-known/security.txt");
  const all = fields(text);
  const values = (name: string) => all.filter(([field]) => field === name).map(([, value]) => value);
  const builtAt = new Date((JSON.parse(siteFile(siteDir, BUILD_INFO_FILE)) as BuildInfo).builtAt);

  it("uses only the fields RFC 9116 defines, and ends with a newline", () => {
    for (const [field] of all) expect(KNOWN_FIELDS.has(field), field).toBe(true);
    expect(text.endsWith("\n")).toBe(true);
  });

  it("gives the operator's contacts as URIs", () => {
    expect(values("Contact")).toEqual([`mailto:${facts.site.contactEmail}`, `xmpp:${facts.site.contactXmpp}`]);
  });

  it("expires once, about half a year after the build, never a year or more", () => {
    const [expires, ...more] = values("Expires");
    expect(more).toEqual([]);
    expect(expires).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const lifetime = new Date(expires as string).getTime() - builtAt.getTime();
    expect(Math.abs(lifetime - 180 * DAY_MS)).toBeLessThan(5 * 60 * 1000);
    expect(lifetime).toBeLessThan(365 * DAY_MS);
  });

  it("names the languages reports may be written in and its canonical address", () => {
    expect(values("Preferred-Languages")).toEqual([facts.operation.contactLanguages.join(", ")]);
    expect(values("Canonical")).toEqual([new URL("/.well-known/security.txt", facts.site.url).href]);
  });
});
