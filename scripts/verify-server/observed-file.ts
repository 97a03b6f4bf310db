import { stringify } from "yaml";
import { writeFileAtomically } from "../../src/lib/files/write-atomically.ts";
import { type ObservedTls, observedTlsSchema } from "../../src/lib/server-facts/observed-tls.ts";

const HEADER = [
  "# npm run verify-server -- --write-observed が書いたファイルです。手で編集しないでください。",
  "# Written by `npm run verify-server -- --write-observed`; do not edit by hand.",
];

/** Records the certificate for the TLS guide, checked against the schema the site reads it with. */
export function writeObservedTls(file: string, observed: ObservedTls): void {
  writeFileAtomically(file, `${HEADER.join("\n")}\n${stringify(observedTlsSchema.parse(observed))}`);
}
