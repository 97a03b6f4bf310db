import { z } from "astro/zod";
import { hostName, httpsUrl, jstDateTime } from "../validation/fields.ts";

const dayRange = z
  .object({ min: z.number().int().positive(), max: z.number().int().positive() })
  .strict()
  .refine((range) => range.min <= range.max, "min は max 以下にしてください (min must not exceed max)");

const sitePath = z
  .string()
  .regex(/^\/([a-z0-9-]+\/)*$/, "/chat/ や /privacy/ のようなサイト内のパスです (a site path ending in /)");

const languageCode = z
  .string()
  .regex(/^[a-z]{2}$/, "ISO 639-1 の2文字の言語コードです (two-letter language code, e.g. ja)");

/** Pages per language (language code → site path), as the XMPP Providers file lists them. */
const pagesByLanguage = z.record(languageCode, sitePath);

/**
 * The services a status entry may name (`services:` in its front matter): stable keys, as entries
 * keep naming them for years, each with the Japanese label the pages show.
 */
const statusServices = z
  .record(
    z.string().regex(/^[a-z0-9-]+$/, "キーは半角英小文字・数字・ハイフンです (key must be lower-case ASCII)"),
    z.string().trim().min(1, "表示名が空です (label is empty)"),
  )
  .refine((services) => Object.keys(services).length > 0, "サービスを1つ以上書いてください (no services)");

/** Everything the site, the feeds and the scripts say about the server. */
export const serverFactsSchema = z
  .object({
    site: z
      .object({
        name: z.string().min(1),
        url: httpsUrl,
        description: z.string().min(1),
        since: jstDateTime("since"),
        operator: z.string().min(1),
        contactEmail: z.email("メールアドレスの形ではありません (not an e-mail address)"),
        contactXmpp: z.string().regex(/^[^@/\s]+@[^@/\s]+$/, "JID の形ではありません (not a bare JID)"),
        serverLocation: z.string().regex(/^[a-z]{2}$/, "ISO 3166-1 の2文字の国コードです (two-letter country code)"),
      })
      .strict(),
    xmpp: z
      .object({
        domain: hostName,
        registrationUrl: httpsUrl,
        muc: z
          .object({
            service: hostName,
            publicRoom: z.object({ name: z.string().min(1), node: z.string().min(1) }).strict(),
          })
          .strict(),
        pubsub: z
          .object({
            service: hostName,
            newsNode: z.string().min(1),
            /** The node `/status/atom.xml` is published to (incidents and maintenance). */
            statusNode: z.string().min(1),
            since: jstDateTime("since"),
          })
          .strict(),
        ircGateway: z
          .object({
            host: hostName,
            retired: z.array(
              z.object({ host: hostName, software: z.string().min(1), retiredOn: jstDateTime("retiredOn") }).strict(),
            ),
          })
          .strict(),
        anonymousHost: hostName,
        websocketUrl: z.url({ protocol: /^wss$/, error: "wss:// で始まる URL を書いてください (must be a wss URL)" }),
        boshUrl: httpsUrl.optional(),
        webClientPath: sitePath,
      })
      .strict(),
    storedData: z
      .object({
        offlineMessages: z.object({ maxMessages: z.number().int().positive() }).strict(),
        messageArchive: z
          .object({
            xep: z.literal("XEP-0313"),
            oneToOneDefault: z.boolean(),
            groupChatDefault: z.boolean(),
            retentionDays: dayRange,
          })
          .strict(),
        httpFileUpload: z
          .object({
            xep: z.literal("XEP-0363"),
            retentionDays: dayRange,
            maxFileSizeMiB: z.number().positive(),
            maxTotalSizeMiB: z.number().positive(),
          })
          .strict(),
      })
      .strict(),
    tls: z
      .object({
        issuer: z.string().min(1),
        since: z.string().regex(/^\d{4}-\d{2}$/, "YYYY-MM の形で書いてください (year and month)"),
        renewal: z
          .object({
            everyMonths: z.number().int().positive(),
            months: z.enum(["odd", "even"]),
            dayOfMonth: z.number().int().min(1).max(28),
            renewedAtJst: z.string().regex(/^\d{2}:\d{2}$/),
            issuedAtUtc: z.string().regex(/^\d{2}:\d{2}$/),
          })
          .strict(),
      })
      .strict(),
    operation: z
      .object({
        organization: z.enum(["company", "commercial person", "private person", "governmental", "non-governmental"]),
        busFactor: z.number().int().positive(),
        freeOfCharge: z.boolean(),
        professionalHosting: z.boolean(),
        serverTesting: z.boolean(),
        alternativeJids: z.array(hostName),
        contactLanguages: z.array(languageCode).min(1),
        pages: z
          .object({ website: pagesByLanguage, legalNotice: pagesByLanguage, passwordReset: pagesByLanguage })
          .strict(),
      })
      .strict(),
    services: statusServices,
    announcements: z
      .object({
        /** An outside account that also reports outages; the site names it only while this is set. */
        outages: z
          .object({ service: z.string().min(1), account: z.string().min(1), url: httpsUrl })
          .strict()
          .optional(),
        opsBlog: z.object({ name: z.string().min(1), url: httpsUrl }).strict(),
      })
      .strict(),
  })
  .strict();

export type ServerFacts = z.output<typeof serverFactsSchema>;
