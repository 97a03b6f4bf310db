import { loadRenderers } from "astro:container";
import type { CollectionEntry } from "astro:content";
import { render } from "astro:content";
import { getContainerRenderer as mdxContainerRenderer } from "@astrojs/mdx/container-renderer";
import { experimental_AstroContainer as AstroContainer } from "astro/container";
import { mdxComponents } from "../components/mdx/index.ts";

let container: AstroContainer | undefined;

/**
 * A dated entry's body (news post or status entry) as an HTML string, for the feeds: rendered by
 * the same components as the page, so MDX posts read the same in a feed reader. A Markdown entry's
 * HTML was made when the content was loaded, and the page shows exactly that: rendering it again
 * through a container took 2.3 s of a 5,000-post build.
 */
export async function postBodyHtml(post: CollectionEntry<"news" | "status">): Promise<string> {
  if (post.rendered && !post.filePath?.endsWith(".mdx")) return post.rendered.html;
  container ??= await AstroContainer.create({ renderers: await loadRenderers([mdxContainerRenderer()]) });
  const { Content } = await render(post);
  return container.renderToString(Content, { props: { components: mdxComponents } });
}
