export const POSTS_PER_PAGE = 10;

export interface PageSlice<T> {
  items: T[];
  current: number;
  last: number;
}

/** Page `n` (1-based) of the news index. */
export function pageSlice<T>(items: readonly T[], current: number, size = POSTS_PER_PAGE): PageSlice<T> {
  const last = Math.max(1, Math.ceil(items.length / size));
  return { items: items.slice((current - 1) * size, current * size), current, last };
}

/** The first page is `/blog/`; the others `/blog/page/N/`, as on the old site. */
export function newsPagePath(n: number): string {
  return n === 1 ? "/blog/" : `/blog/page/${n}/`;
}
