import type { Loader } from "astro/loaders";
import { glob } from "astro/loaders";
import { z } from "astro/zod";
import type { DatedCollectionSpec } from "../lib/collections/registry.ts";
import { markdownFiles } from "../lib/files/content-files.ts";
import { postExcerpt } from "../lib/news/excerpt.ts";
import { parsePostPath } from "../lib/news/post-path.ts";

/**
 * Astro's glob loader for `YYYY/MMDD-slug.md(x)` entries, with each file read by the
 * collection's own checker (`spec.read`) instead of Astro's YAML parser: dates are read as JST,
 * and every error names the file, the line and the field, exactly as `npm run check`.
 *
 * The raw body is not kept in Astro's data store: only the excerpt was made from it, so each
 * entry carries its excerpt (`data.excerpt`, made while the file is read) instead. The store is
 * bundled into the build as one module; without the bodies it is 40 % smaller, and bundling it
 * takes a quarter less time (docs/benchmarks.md).
 */
export function datedEntryLoader(folder: string, read: DatedCollectionSpec["read"]): Loader {
  const inner = glob({
    pattern: "**/*.{md,mdx}",
    base: folder,
    generateId: ({ entry }) => parsePostPath(entry)?.id ?? entry,
    retainBody: false,
  });
  return {
    name: "dated-entry-loader",
    load: (context) => {
      // A collection with no entries yet (status, most of the time) is normal, not worth a warning.
      if (markdownFiles(folder).length === 0) {
        context.store.clear();
        return Promise.resolve();
      }
      return inner.load({
        ...context,
        parseData: (props) => {
          if (props.filePath === undefined) return context.parseData(props);
          const { data, body } = read(folder, props.filePath);
          const entryData = { ...data, excerpt: postExcerpt(body) };
          return context.parseData({ ...props, data: entryData as unknown as typeof props.data });
        },
      });
    },
  };
}

/** A dated collection's schema as Astro sees it: the front matter, and the excerpt the loader adds. */
export const withExcerpt = <S extends z.ZodType>(schema: S) => schema.and(z.object({ excerpt: z.string() }));
