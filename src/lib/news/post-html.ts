import { render } from "astro:content";
import { experimental_AstroContainer as AstroContainer } from "astro/container";
import type { Post } from "./posts.ts";

let container: AstroContainer | undefined;

/** A post's body as an HTML string, for the feed (Markdown and MDX alike). */
export async function postBodyHtml(post: Post): Promise<string> {
  container ??= await AstroContainer.create();
  const { Content } = await render(post);
  return container.renderToString(Content);
}
