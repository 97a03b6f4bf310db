import { dirname, join } from "node:path";
import type { PostPath } from "../news/post-path.ts";
import { readDatedEntry } from "../news/read-post.ts";
import { loadServerFacts } from "../server-facts/load.ts";
import { ContentError } from "../validation/content-error.ts";
import { type StatusFrontmatter, statusFrontmatterSchema } from "./frontmatter.ts";

export interface CheckedStatusEntry {
  path: PostPath;
  data: StatusFrontmatter;
  body: string;
}

/** The folder of status entries under `content/`. */
export const STATUS_FOLDER = "status";

/** The service keys of the `server.yaml` beside `statusDir`, or undefined if that file is broken (it reports itself). */
function serviceKeysBeside(statusDir: string): string[] | undefined {
  try {
    return Object.keys(loadServerFacts(join(dirname(statusDir), "server.yaml")).services);
  } catch (error) {
    if (error instanceof ContentError) return undefined;
    throw error;
  }
}

/**
 * Checks one status file as news posts are checked (path, front matter, same JST day), and that
 * every service it names is one of `services` in `content/server.yaml`: the page labels each
 * service from there, and a typo would otherwise report an outage of nothing.
 */
export function readStatusEntry(statusDir: string, filePath: string): CheckedStatusEntry {
  const { path, data, source, body } = readDatedEntry(statusDir, filePath, statusFrontmatterSchema, STATUS_FOLDER);
  const known = serviceKeysBeside(statusDir);
  if (known) {
    const problems = data.services.flatMap((service, index) =>
      known.includes(service)
        ? []
        : [
            {
              file: source.file,
              line: source.lineOf(["services", index]),
              field: `services.${index}`,
              message: `「${service}」は server.yaml の services にありません (unknown service)`,
              hint: `使えるもの: ${known.join(", ")}`,
            },
          ],
    );
    if (problems.length > 0) throw new ContentError(problems);
  }
  return { path, data, body };
}
