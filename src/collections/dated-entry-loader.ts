import type { Loader } from "astro/loaders";
import { glob } from "astro/loaders";
import type { DatedCollectionSpec } from "../lib/collections/registry.ts";
import { markdownFiles } from "../lib/files/content-files.ts";
import { parsePostPath } from "../lib/news/post-path.ts";

/**
 * Astro's glob loader for `YYYY/MMDD-slug.md(x)` entries, with each file read by the
 * collection's own checker (`spec.read`) instead of Astro's YAML parser: dates are read as JST,
 * and every error names the file, the line and the field, exactly as `npm run check`.
 */
export function datedEntryLoader(folder: string, read: DatedCollectionSpec["read"]): Loader {
  const inner = glob({
    pattern: "**/*.{md,mdx}",
    base: folder,
    generateId: ({ entry }) => parsePostPath(entry)?.id ?? entry,
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
          const { data } = read(folder, props.filePath);
          return context.parseData({ ...props, data: data as unknown as typeof props.data });
        },
      });
    },
  };
}
