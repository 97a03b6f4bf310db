/** The folder of the built site that holds the search index and Pagefind's scripts (`/pagefind/`). */
export const SEARCH_BUNDLE_DIR = "pagefind";
