/** The weight limits of issue 4, in bytes of gzip, shared by the budget tests. */
export const HTML_MAX_GZIP = 7 * 1024;
export const CSS_MAX_GZIP_TOTAL = 10 * 1024;
export const JS_MAX_GZIP = 2 * 1024;
