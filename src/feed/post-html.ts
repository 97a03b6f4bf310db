import { loadRenderers } from "astro:container";
import type { CollectionEntry } from "astro:content";
import { render } from "astro:content";
import { getContainerRenderer as mdxContainerRenderer } from "@astrojs/mdx/container-renderer";
import { experimental_AstroContainer as AstroContainer } from "astro/container";
import { mdxComponents } from "../components/mdx/index.ts";

let container: AstroContainer | undefined;

/**
 * A dated entry's body (news post or status entry) as an HTML string, for the feeds: rendered by
 * the same components as the page, so MDX posts read the same in a feed reader.
 */
export async function postBodyHtml(post: CollectionEntry<"news" | "status">): Promise<string> {
  container ??= await AstroContainer.create({ renderers: await loadRenderers([mdxContainerRenderer()]) });
  const { Content } = await render(post);
  return container.renderToString(Content, { props: { components: mdxComponents } });
}
