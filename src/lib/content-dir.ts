import { resolve } from "node:path";

/**
 * Where editors' content lives. `STEP_CONTENT_DIR` points the build at another
 * folder: the tests' fixture sites and the benchmark's generated corpora.
 */
export function contentDir(): string {
  return resolve(process.env.STEP_CONTENT_DIR ?? "content");
}
