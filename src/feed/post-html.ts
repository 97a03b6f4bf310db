import { loadRenderers } from "astro:container";
import { render } from "astro:content";
import { getContainerRenderer as mdxContainerRenderer } from "@astrojs/mdx";
import { experimental_AstroContainer as AstroContainer } from "astro/container";
import type { Post } from "../collections/posts.ts";
import { mdxComponents } from "../components/mdx/index.ts";

let container: AstroContainer | undefined;

/**
 * A post's body as an HTML string, for the feed: rendered by the same
 * components as the page, so MDX posts read the same in a feed reader.
 */
export async function postBodyHtml(post: Post): Promise<string> {
  container ??= await AstroContainer.create({ renderers: await loadRenderers([mdxContainerRenderer()]) });
  const { Content } = await render(post);
  return container.renderToString(Content, { props: { components: mdxComponents } });
}
