import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { BUILD_INFO_FILE, type BuildInfo, contentFingerprint } from "../lib/build-info.ts";

/** Records which content a build was made from; `npm run pubsub` refuses a stale `dist/`. */
export function buildInfo(contentRoot: string): AstroIntegration {
  return {
    name: "step-im:build-info",
    hooks: {
      "astro:build:done": ({ dir }) => {
        const info: BuildInfo = {
          builtAt: new Date().toISOString(),
          contentFingerprint: contentFingerprint(contentRoot),
        };
        writeFileSync(fileURLToPath(new URL(BUILD_INFO_FILE, dir)), `${JSON.stringify(info, null, 2)}\n`);
      },
    },
  };
}
