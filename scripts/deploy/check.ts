/**
 * Called by scripts/deploy.sh before anything is copied:
 * `node scripts/deploy/check.ts LOCAL_BUILD_INFO DEPLOYED_BUILD_INFO [--force]`.
 * Prints the refusal on stderr and exits 2 (bad build) or 3 (refused).
 */
import { readFileSync } from "node:fs";
import { parseBuildInfo } from "../../src/lib/build-info.ts";
import { shownPath } from "../../src/lib/files/shown-path.ts";
import { EXIT } from "../lib/failure.ts";
import { deployDecision } from "./guard.ts";

function main([localFile = "", deployedFile = "", ...flags]: string[]): number {
  const local = parseBuildInfo(readFileSync(localFile, "utf8"));
  if (typeof local === "string") {
    process.stderr.write(`deploy: ${shownPath(localFile)}: ${local}; run npm run build\n`);
    return EXIT.badInput;
  }
  const deployedText = readFileSync(deployedFile, "utf8");
  const deployed = deployedText.trim() === "" ? undefined : parseBuildInfo(deployedText);
  const decision = deployDecision(local, deployed, flags.includes("--force"));
  if (decision.ok) return EXIT.ok;
  process.stderr.write(`deploy: ${decision.reason}\n`);
  return EXIT[decision.exit];
}

process.exitCode = main(process.argv.slice(2));
