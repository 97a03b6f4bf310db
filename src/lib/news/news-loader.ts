import { join } from "node:path";
import type { Loader } from "astro/loaders";
import { glob } from "astro/loaders";
import { parsePostPath } from "./post-path.ts";
import { readPost } from "./read-post.ts";

/**
 * Astro's glob loader, with each file's front matter read by our own checker
 * (`readPost`) instead of Astro's YAML parser: dates are read as JST, and every
 * error names the file, the line and the field, exactly as `npm run check`.
 */
export function newsLoader(contentRoot: string): Loader {
  const newsDir = join(contentRoot, "news");
  const inner = glob({
    pattern: "**/*.{md,mdx}",
    base: newsDir,
    generateId: ({ entry }) => parsePostPath(entry)?.id ?? entry,
  });
  return {
    name: "news-loader",
    load: (context) =>
      inner.load({
        ...context,
        parseData: (props) => {
          if (props.filePath === undefined) return context.parseData(props);
          const { data } = readPost(newsDir, props.filePath);
          return context.parseData({ ...props, data: data as unknown as typeof props.data });
        },
      }),
  };
}
