import { z } from "astro/zod";
import { EARLIEST_YEAR, parseJstDateTime } from "../dates/jst.ts";

/**
 * A date or date-time field. Accepts the string an editor writes (read as JST
 * unless it has an offset) and a Date that was already parsed, so the same
 * schema serves the raw file and Astro's content store.
 */
export function jstDateTime(field: string) {
  return z
    .union([z.date(), z.string()], {
      error: `${field} がありません。YYYY-MM-DD の形で書いてください (${field} is required)`,
    })
    .transform((value, context) => {
      const date = value instanceof Date ? value : parseJstDateTime(value);
      if (date === undefined || Number.isNaN(date.getTime())) {
        const year = Number(/^\s*(\d{4})-/.exec(String(value))?.[1] ?? EARLIEST_YEAR);
        context.addIssue({
          code: "custom",
          message:
            year < EARLIEST_YEAR
              ? `「${String(value)}」: ${EARLIEST_YEAR} 年より前の日付は使えません (years before ${EARLIEST_YEAR} are not accepted)`
              : `「${String(value)}」は日付として読めません。例: 2018-04-14 または 2018-04-14T09:45:00+09:00 (invalid date; offsets run from -12:00 to +14:00)`,
        });
        return z.NEVER;
      }
      return date;
    });
}

export const httpsUrl = z.url({
  protocol: /^https$/,
  error: "https:// で始まる URL を書いてください (must be an https URL)",
});

export const hostName = z
  .string()
  .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, "ホスト名の形ではありません (not a host name, e.g. muc.step.im)");

/**
 * A `superRefine` for dated entries: `field` (a later date-time such as `updated` or `resolved`) may not
 * precede the entry's `date`. A date typed backwards is almost always a typo in the year or month.
 */
export function notBeforeDate<F extends string>(field: F) {
  return (entry: { date: Date } & { [K in F]?: Date | undefined }, context: z.RefinementCtx): void => {
    const value = entry[field];
    if (value && value < entry.date) {
      context.addIssue({
        code: "custom",
        path: [field],
        message: `${field} が date より前になっています (${field} is earlier than date)`,
      });
    }
  };
}
