const EXCERPT_LENGTH = 120;

/**
 * What a list, a page's meta description and a feed say of an entry: the editor's description, else
 * the excerpt its loader made once from the body (src/collections/dated-entry-loader.ts).
 */
export function entrySummary(entry: { data: { description?: string | undefined; excerpt: string } }): string {
  return entry.data.description ?? entry.data.excerpt;
}

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
