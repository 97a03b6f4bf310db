import { stringify } from "yaml";
import { writeFileAtomically } from "../../src/lib/files/write-atomically.ts";
import { type Observations, observationsSchema } from "../../src/lib/server-facts/observed-claims.ts";

const HEADER = [
  "# npm run verify-server -- --write-observed が書いたファイルです。手で編集しないでください。",
  "# 形式は docs/operations.md の「観測結果のファイル」にあります。",
  "# Written by `npm run verify-server -- --write-observed`; do not edit by hand. Format: docs/operations.md.",
];

/**
 * Records one run for the pages, checked against the schema the site reads it
 * with, and whole or not at all. `observedAt` comes first on a line of its own:
 * the daily workflow ignores that line when it asks whether anything changed.
 */
export function writeObservations(file: string, observations: Observations): void {
  const checked = observationsSchema.parse(observations);
  writeFileAtomically(file, `${HEADER.join("\n")}\n${stringify(checked, { lineWidth: 0 })}`);
}
