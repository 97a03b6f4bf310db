import { z } from "astro/zod";
import { jstDateTime, notBeforeDate } from "../validation/fields.ts";

/** An outage, or work announced beforehand. */
export const STATUS_KINDS = ["障害", "メンテナンス"] as const;
export type StatusKind = (typeof STATUS_KINDS)[number];

/**
 * The front matter of a status entry (`content/status/YYYY/MMDD-slug.md`). Which services exist is
 * not known here: they are the keys of `services` in `content/server.yaml`, checked by `readStatusEntry`.
 */
export const statusFrontmatterSchema = z
  .object({
    /** What readers see in the notice and the feed. */
    title: z
      .string({ error: "タイトルがありません。title: 障害の内容 を書いてください (title is required)" })
      .trim()
      .min(1, "タイトルが空です (title is empty)"),
    /** When it began (or, for maintenance announced beforehand, when it will begin). */
    date: jstDateTime("date"),
    kind: z.enum(STATUS_KINDS, {
      error: `kind は ${STATUS_KINDS.join(" か ")} です (kind must be ${STATUS_KINDS.join(" or ")})`,
    }),
    /** Keys of `services` in server.yaml. */
    services: z
      .array(z.string({ error: "サービスは server.yaml の services のキーで書きます (service must be a key)" }), {
        error: "services は [c2s, muc] のようなリストで書いてください (services must be a list)",
      })
      .min(1, "影響のあるサービスを1つ以上書いてください (services is empty)"),
    /** When it ended; absent while it is going on. */
    resolved: jstDateTime("resolved").optional(),
    /** The time of the latest update in the body: a newer value republishes the entry to subscribers. */
    updated: jstDateTime("updated"),
  })
  .strict()
  // `updated` may precede `date`: maintenance is announced (and updated) before it begins.
  .superRefine(notBeforeDate("resolved"));

export type StatusFrontmatter = z.output<typeof statusFrontmatterSchema>;
