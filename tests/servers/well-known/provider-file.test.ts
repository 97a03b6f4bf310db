import { existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "astro/zod";
import { describe, expect, inject, it } from "vitest";
import { toJstDateString } from "../../../src/lib/dates/jst.ts";
import { loadServerFacts } from "../../../src/lib/server-facts/load.ts";
import type { ServerFacts } from "../../../src/lib/server-facts/schema.ts";
import { providerFile } from "../../../src/lib/well-known/provider-file.ts";
import { siteFile } from "../../support/site-files.ts";

const siteDir = inject("realSiteDir");
const facts = loadServerFacts();

/**
 * The field types of the XMPP Providers provider file, API v2, as the
 * project's provider file generator and ejabberd's mod_providers document
 * them: sizes in MB and times in days (0 = no limit, -1 = under one unit),
 * pages keyed by ISO 639-1 language code, locations by ISO 3166-1 alpha-2
 * country code in lower case, `since` as YYYY-MM-DD.
 */
const localisedPages = z.record(z.string().regex(/^[a-z]{2}$/), z.url({ protocol: /^https$/ }));
const amount = z.number().int().min(-1);
const providerV2 = z
  .object({
    website: localisedPages,
    alternativeJids: z.array(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/)),
    busFactor: z.number().int().min(-1),
    organization: z.enum(["company", "commercial person", "private person", "governmental", "non-governmental", ""]),
    passwordReset: localisedPages,
    serverTesting: z.boolean(),
    maximumHttpFileUploadTotalSize: amount,
    maximumHttpFileUploadStorageTime: amount,
    maximumMessageArchiveManagementStorageTime: amount,
    professionalHosting: z.boolean(),
    freeOfCharge: z.boolean(),
    legalNotice: localisedPages,
    serverLocations: z.array(z.string().regex(/^[a-z]{2}$/)),
    since: z.iso.date(),
  })
  .strict();

const published = JSON.parse(siteFile(siteDir, ".well-known/xmpp-provider-v2.json")) as Record<string, unknown>;

/** The built file a site URL is served from, or undefined for another host. */
function builtFileFor(url: string): string | undefined {
  const { origin, pathname } = new URL(url);
  if (origin !== new URL(facts.site.url).origin) return undefined;
  return join(siteDir, decodeURIComponent(pathname), pathname.endsWith("/") ? "index.html" : "");
}

describe("/.well-known/xmpp-provider-v2.json", () => {
  it("has every v2 field, each of the documented type", () => {
    const result = providerV2.safeParse(published);
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it("publishes the upper bound of each retention range the privacy page shows", () => {
    const { messageArchive, httpFileUpload } = facts.storedData;
    expect(published.maximumMessageArchiveManagementStorageTime).toBe(messageArchive.retentionDays.max);
    expect(published.maximumHttpFileUploadStorageTime).toBe(httpFileUpload.retentionDays.max);
  });

  it("states the upload quota in whole MB (10^6 bytes), rounded down from the MiB in the facts", () => {
    const bytes = facts.storedData.httpFileUpload.maxTotalSizeMiB * 1024 * 1024;
    const mb = published.maximumHttpFileUploadTotalSize as number;
    expect(mb * 1_000_000).toBeLessThanOrEqual(bytes);
    expect((mb + 1) * 1_000_000).toBeGreaterThan(bytes);
  });

  it("states the operator's facts as server.yaml gives them", () => {
    const { operation, site } = facts;
    expect(published).toMatchObject({
      busFactor: operation.busFactor,
      organization: operation.organization,
      freeOfCharge: operation.freeOfCharge,
      professionalHosting: operation.professionalHosting,
      serverTesting: operation.serverTesting,
      alternativeJids: operation.alternativeJids,
      serverLocations: [site.serverLocation],
      since: toJstDateString(site.since),
    });
    expect(Object.keys(published.website as object)).toEqual(Object.keys(operation.pages.website));
  });

  it("links only to pages the build produced", () => {
    const pages = ["website", "legalNotice", "passwordReset"].flatMap((field) =>
      Object.values(published[field] as Record<string, string>),
    );
    expect(pages.length).toBeGreaterThan(0);
    for (const url of pages) {
      const file = builtFileFor(url);
      if (file !== undefined) expect(existsSync(file), url).toBe(true);
    }
  });

  it("says 'under 1 MB' (-1) rather than 0 (no limit) for a quota below one MB", () => {
    const tiny: ServerFacts = structuredClone(facts);
    tiny.storedData.httpFileUpload.maxTotalSizeMiB = 0.5;
    expect(providerFile(tiny).maximumHttpFileUploadTotalSize).toBe(-1);
  });
});
