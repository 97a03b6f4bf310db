export interface PostState {
  /** Absent in collections without drafts (status entries). */
  draft?: boolean | undefined;
  date: Date;
}

export type PostStatus = "public" | "draft" | "scheduled";

/**
 * A draft stays private; a post dated in the future waits for a build after that moment, unless its
 * collection does not hold future entries (`holdsFuture` false: maintenance is announced ahead).
 */
export function postStatus(post: PostState, now: Date, holdsFuture = true): PostStatus {
  if (post.draft) return "draft";
  if (holdsFuture && post.date.getTime() > now.getTime()) return "scheduled";
  return "public";
}

/**
 * Production shows public posts only; the dev server (`npm run dev`) also
 * shows drafts and scheduled posts, marked, so editors can preview them.
 */
export function isShown(post: PostState, now: Date, preview: boolean): boolean {
  return preview || postStatus(post, now) === "public";
}
