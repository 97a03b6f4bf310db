import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "astro/zod";
import { contentDir } from "../content-dir.ts";
import { shownPath } from "../files/shown-path.ts";
import { ContentError } from "../validation/content-error.ts";
import { parseYamlSource } from "../validation/yaml-source.ts";
import { problemsFromZod } from "../validation/zod-problems.ts";

/**
 * The certificate the server last presented, as `npm run verify-server`
 * observed it. Written by that command, never by hand; the TLS guide shows it
 * so readers can compare the fingerprint their client reports after a renewal.
 */
export const observedTlsSchema = z
  .object({
    observedAt: z.iso.datetime({ offset: true }),
    host: z.string().min(1),
    subject: z.string().min(1),
    issuer: z.string().min(1),
    notBefore: z.iso.datetime({ offset: true }),
    notAfter: z.iso.datetime({ offset: true }),
    sha256: z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/, "SHA-256 fingerprint as AA:BB:… (32 bytes)"),
  })
  .strict();

export type ObservedTls = z.output<typeof observedTlsSchema>;

export function observedTlsFile(): string {
  return join(contentDir(), "observed", "tls-certificate.yaml");
}

/** The last observation, or undefined when the server has not been checked yet. */
export function loadObservedTls(file = observedTlsFile()): ObservedTls | undefined {
  if (!existsSync(file)) return undefined;
  const source = parseYamlSource(readFileSync(file, "utf8"), shownPath(file));
  const result = observedTlsSchema.safeParse(source.data);
  if (!result.success) throw new ContentError(problemsFromZod(result.error, source));
  return result.data;
}
