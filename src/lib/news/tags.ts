/** Anything with tags: a collection entry in pages, plain data in tests. */
export interface TaggedPost {
  data: { tags: readonly string[] };
}

export function tagUrlPath(tag: string): string {
  return `/tags/${encodeURIComponent(tag)}/`;
}

/** Tags in use, each with its posts (newest first, as given), most used first. */
export function postsByTag<P extends TaggedPost>(posts: readonly P[]): Map<string, P[]> {
  const byTag = new Map<string, P[]>();
  for (const post of posts) {
    for (const tag of post.data.tags) byTag.set(tag, [...(byTag.get(tag) ?? []), post]);
  }
  return new Map([...byTag].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0], "ja")));
}
