import { relative } from "node:path";

/**
 * How every message names a file: relative to where the command runs, so an editor can paste it
 * into their editor; the absolute path when the file is the working directory itself.
 */
export const shownPath = (file: string): string => relative(process.cwd(), file) || file;
