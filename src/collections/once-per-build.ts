/**
 * `load` as every page of a build calls it: one build has one set of entries,
 * so it runs once and thousands of pages share the result (read-only). The
 * dev server calls `load` each time, so edits show.
 */
export function oncePerBuild<T>(load: () => Promise<T>): () => Promise<T> {
  let built: Promise<T> | undefined;
  return () => {
    if (import.meta.env.DEV) return load();
    built ??= load();
    return built;
  };
}
