const EXCERPT_LENGTH = 120;

/** What a list, a page's meta description and a feed say of an entry: the editor's description, else an excerpt. */
export function entrySummary(entry: { data: { description?: string | undefined }; body?: string | undefined }): string {
  if (entry.data.description !== undefined) return entry.data.description;
  const body = entry.body ?? "";
  // A post is summed up on its page, its year, its tags, the news pages and the feed: once is enough.
  let excerpt = excerpts.get(body);
  if (excerpt === undefined) {
    excerpt = postExcerpt(body);
    excerpts.set(body, excerpt);
  }
  return excerpt;
}

const excerpts = new Map<string, string>();

/**
 * A plain-text excerpt of a Markdown body, for descriptions and summaries
 * when the editor wrote none. Japanese has no word spaces, so it is cut by
 * characters (code points, never halving a surrogate pair).
 */
export function postExcerpt(markdown: string, length = EXCERPT_LENGTH): string {
  const plain = markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/^\s*(?:import|export)\s.*$/gm, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^[\s>#*+-]+|\d+\.\s/gm, "")
    .replace(/[*_`~|]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  const chars = [...plain];
  return chars.length <= length ? plain : `${chars.slice(0, length).join("")}…`;
}
