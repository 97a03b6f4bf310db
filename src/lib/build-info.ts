import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/** Written next to the built site so later steps can tell whether it is current. */
export interface BuildInfo {
  builtAt: string;
  contentFingerprint: string;
}

export const BUILD_INFO_FILE = "build-info.json";

/** A hash of every file under the content folder, by path and bytes. */
export function contentFingerprint(dir: string): string {
  const hash = createHash("sha256");
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) {
    hash.update(relative(dir, file).replaceAll("\\", "/"));
    hash.update("\0");
    hash.update(readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}
