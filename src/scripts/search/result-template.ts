/** What Pagefind hands a result template; only the fields the site shows. */
export interface ResultData {
  url: string;
  excerpt?: string;
  meta: { title?: string; date?: string };
  filters?: { 種類?: string[] };
}

/**
 * One search result: the title as the link, what kind of page it is and its
 * date (news only), and the excerpt with the matched words marked.
 */
export function renderResult(result: ResultData): HTMLLIElement {
  const item = element("li", "search-result");
  const title = element("a", "search-result-title");
  title.href = result.url;
  title.textContent = result.meta.title ?? result.url;
  item.append(title);
  const about = [result.filters?.種類?.[0], result.meta.date].filter(Boolean).join(" ・ ");
  if (about) item.append(element("p", "search-result-about", about));
  if (result.excerpt) item.append(excerptParagraph(result.excerpt));
  return item;
}

/**
 * Pagefind's excerpt is HTML with `<mark>` around the matches. Only its text and
 * those marks are copied over, so nothing else in it can ever reach the page.
 */
function excerptParagraph(excerptHtml: string): HTMLParagraphElement {
  const parsed = document.createElement("template");
  parsed.innerHTML = excerptHtml;
  const paragraph = element("p", "search-result-excerpt");
  for (const node of parsed.content.childNodes) {
    const text = node.textContent ?? "";
    paragraph.append(node.nodeName === "MARK" ? element("mark", "", text) : text);
  }
  return paragraph;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  if (className) created.className = className;
  if (text !== undefined) created.textContent = text;
  return created;
}
