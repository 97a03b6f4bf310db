import { jstParts, twoDigits } from "../dates/jst.ts";

/**
 * A news post's file path is its address: `content/news/2018/0414-data.md` is
 * served at `/blog/2018/0414-data/`, the URL scheme of the old WordPress site.
 */
export interface PostPath {
  /** `2018/0414-data`: the collection id and the tail of the URL. */
  id: string;
  year: number;
  month: number;
  day: number;
  slug: string;
}

const ENTRY_PATTERN = /^(\d{4})\/(\d{2})(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.mdx?$/;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `entry` is relative to `content/news/`, e.g. `2018/0414-data.md`. */
export function parsePostPath(entry: string): PostPath | undefined {
  const match = ENTRY_PATTERN.exec(entry.replaceAll("\\", "/"));
  if (!match) return undefined;
  const [, year, month, day, slug] = match as unknown as [string, string, string, string, string];
  return {
    id: `${year}/${month}${day}-${slug}`,
    year: Number(year),
    month: Number(month),
    day: Number(day),
    slug,
  };
}

export function postUrlPath(id: string): string {
  return `/blog/${id}/`;
}

/** The path and the `date` field must name the same day in Japan. */
/** The archive page of one year's posts. */
export const newsYearPath = (year: string): string => `/blog/${year}/`;

export function pathAgreesWithDate(path: PostPath, date: Date): boolean {
  const parts = jstParts(date);
  return parts.year === path.year && parts.month === path.month && parts.day === path.day;
}

export function expectedEntryPath(date: Date, slug: string, extension = "md"): string {
  const { year, month, day } = jstParts(date);
  return `${year}/${twoDigits(month)}${twoDigits(day)}-${slug}.${extension}`;
}
