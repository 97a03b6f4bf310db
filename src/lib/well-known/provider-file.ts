import { toJstDateString } from "../dates/jst.ts";
import type { ServerFacts } from "../server-facts/schema.ts";

/** Web pages per language: ISO 639-1 code → absolute URL. */
export type LocalisedUrls = Record<string, string>;

/**
 * The XMPP Providers provider file, API v2, as served at
 * `/.well-known/xmpp-provider-v2.json`. Sizes are in MB (10^6 bytes) and
 * durations in days, as the format defines them; 0 would mean "no limit".
 */
export interface ProviderFileV2 {
  website: LocalisedUrls;
  alternativeJids: string[];
  busFactor: number;
  organization: ServerFacts["operation"]["organization"];
  passwordReset: LocalisedUrls;
  serverTesting: boolean;
  maximumHttpFileUploadTotalSize: number;
  maximumHttpFileUploadStorageTime: number;
  maximumMessageArchiveManagementStorageTime: number;
  professionalHosting: boolean;
  freeOfCharge: boolean;
  legalNotice: LocalisedUrls;
  serverLocations: string[];
  since: string;
}

const BYTES_PER_MIB = 1024 * 1024;
const BYTES_PER_MB = 1_000_000;

/**
 * The provider file from the server facts. Retention is configured within a
 * range (the privacy page shows it); the file states the longest a user's data
 * may be kept, which is the upper bound.
 */
export function providerFile(facts: ServerFacts): ProviderFileV2 {
  const { operation, storedData } = facts;
  const urls = (pages: Record<string, string>) => localisedUrls(pages, facts.site.url);
  return {
    website: urls(operation.pages.website),
    alternativeJids: operation.alternativeJids,
    busFactor: operation.busFactor,
    organization: operation.organization,
    passwordReset: urls(operation.pages.passwordReset),
    serverTesting: operation.serverTesting,
    maximumHttpFileUploadTotalSize: mibToWholeMb(storedData.httpFileUpload.maxTotalSizeMiB),
    maximumHttpFileUploadStorageTime: storedData.httpFileUpload.retentionDays.max,
    maximumMessageArchiveManagementStorageTime: storedData.messageArchive.retentionDays.max,
    professionalHosting: operation.professionalHosting,
    freeOfCharge: operation.freeOfCharge,
    legalNotice: urls(operation.pages.legalNotice),
    serverLocations: [facts.site.serverLocation],
    since: toJstDateString(facts.site.since),
  };
}

function localisedUrls(pages: Record<string, string>, siteUrl: string): LocalisedUrls {
  return Object.fromEntries(Object.entries(pages).map(([language, path]) => [language, new URL(path, siteUrl).href]));
}

/** Rounded down, so the published quota is never more than a user really gets; -1 is the format's "under 1 MB". */
function mibToWholeMb(mib: number): number {
  const mb = Math.floor((mib * BYTES_PER_MIB) / BYTES_PER_MB);
  return mb < 1 ? -1 : mb;
}
