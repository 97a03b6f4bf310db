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

const yearMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "2016-01 のように YYYY-MM で書いてください (year and month as YYYY-MM)");

/** A time of day, `HH:MM` from 00:00 to 23:59. */
const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "00:00 から 23:59 までの HH:MM で書いてください (a time of day, 00:00–23:59)");

/**
 * The renewal promise: a new certificate is in place before less than this is
 * left, as a share of the certificate's lifetime ("1/3") or as days. Exactly one.
 */
const renewalMargin = z
  .object({
    lifetimeShare: z
      .string()
      .regex(/^[1-9]\d*\/[1-9]\d*$/, "1/3 のような分数で書いてください (a fraction such as 1/3)")
      .refine((share) => {
        const [part, whole] = share.split("/").map(Number);
        // Not a fraction at all is the pattern's to report, once.
        return part === undefined || whole === undefined || Number.isNaN(part + whole) || part < whole;
      }, "1 より小さい割合にしてください (must be less than the whole lifetime)")
      .optional(),
    days: z.number().int().positive().optional(),
  })
  .strict()
  .refine(
    (margin) => (margin.lifetimeShare === undefined) !== (margin.days === undefined),
    "lifetimeShare か days のどちらか一方だけを書いてください (give exactly one of lifetimeShare and days)",
  );

/** A fixed renewal calendar, as used from 2016: every N months, on a day, at a time. */
const pastSchedule = z
  .object({
    from: yearMonth,
    until: yearMonth,
    /** Keeps the month's parity year after year. */
    everyMonths: z.union([z.literal(2), z.literal(4), z.literal(6), z.literal(12)], {
      error: "2, 4, 6, 12 のどれかにしてください (2, 4, 6 or 12: the months must stay odd or even every year)",
    }),
    months: z.enum(["odd", "even"]),
    dayOfMonth: z.number().int().min(1).max(28),
    renewedAtJst: clockTime,
    issuedAtUtc: clockTime,
  })
  .strict()
  .refine((schedule) => schedule.from <= schedule.until, {
    message: "from は until 以前にしてください (from must not be after until)",
    path: ["until"],
  });

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
        /** The CA whose certificates the server presents (the issuer's O, or CN, as clients show it). */
        issuer: z.string().min(1),
        /** Since when that CA issues them. */
        since: yearMonth,
        /** What the operator promises about renewals; a certificate's lifetime is the CA's to choose. */
        renewal: z
          .object({
            /** Renewed by a client (ACME) on the server, without a person. */
            automatic: z.boolean(),
            /** How much validity the certificate the server presents always has left. */
            before: renewalMargin,
          })
          .strict(),
        /** Earlier renewal practice, kept as history (the guide says how it was done then). */
        history: z.array(pastSchedule),
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
