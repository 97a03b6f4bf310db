import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "astro/zod";
import { contentDir } from "../content-dir.ts";
import { shownPath } from "../files/shown-path.ts";
import { ContentError } from "../validation/content-error.ts";
import { parseYamlSource } from "../validation/yaml-source.ts";
import { problemsFromZod } from "../validation/zod-problems.ts";

/**
 * Every claim `npm run verify-server` compares with the server, by a stable id:
 * pages look a claim up by it, so renaming one is a format change (docs/operations.md).
 */
export const CLAIM_IDS = [
  "server",
  "mam",
  "upload-service",
  "upload-size",
  "contacts",
  "muc",
  "public-room",
  "pubsub",
  "news-node",
  "irc-gateway",
  "tls-issuer",
  "tls-name",
  "tls-chain",
  "tls-renewal",
  "tls-fingerprint",
] as const;

export type ClaimId = (typeof CLAIM_IDS)[number];

/** ok: the server shows what server.yaml says; drift: it does not; skipped: not checked this time; info: shown, not judged. */
export const CLAIM_STATUSES = ["ok", "drift", "skipped", "info"] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

const instant = z.iso.datetime({ offset: true });

/** The certificate the server presented on STARTTLS for its domain. */
export const observedCertificateSchema = z
  .object({
    host: z.string().min(1),
    subject: z.string().min(1),
    issuer: z.string().min(1),
    notBefore: instant,
    notAfter: instant,
    sha256: z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/, "SHA-256 fingerprint as AA:BB:… (32 bytes)"),
  })
  .strict();

export type ObservedCertificate = z.output<typeof observedCertificateSchema>;

/** One claim of server.yaml beside what the server showed. */
export const observedClaimSchema = z
  .object({
    id: z.enum(CLAIM_IDS),
    check: z.string().min(1),
    claim: z.string(),
    observed: z.string(),
    status: z.enum(CLAIM_STATUSES),
  })
  .strict();

export type ObservedClaim = z.output<typeof observedClaimSchema>;

/**
 * One run of `npm run verify-server -- --write-observed`: when it looked, the
 * certificate, and every claim with its status. The check writes it and the
 * pages read it, so a page cannot show a status the check did not report.
 */
export const observationsSchema = z
  .object({
    observedAt: instant,
    certificate: observedCertificateSchema,
    claims: z
      .array(observedClaimSchema)
      .refine(
        (claims) => new Set(claims.map((claim) => claim.id)).size === claims.length,
        "同じ id の項目が2つあります (a claim id appears twice)",
      ),
  })
  .strict();

export type Observations = z.output<typeof observationsSchema>;

export function observationsFile(root = contentDir()): string {
  return join(root, "observed", "verify-server.yaml");
}

/** The last observations, or undefined when the server has not been checked yet (a fresh clone). */
export function loadObservations(file = observationsFile()): Observations | undefined {
  if (!existsSync(file)) return undefined;
  const source = parseYamlSource(readFileSync(file, "utf8"), shownPath(file));
  const result = observationsSchema.safeParse(source.data);
  if (!result.success) throw new ContentError(problemsFromZod(result.error, source));
  return result.data;
}

/** What a page says about some claims together. */
export type ClaimState =
  | { state: "unchecked" }
  | { state: "verified" | "drifted" | "not-checked-this-time"; observedAt: Date };

/**
 * The state of `ids` in the observations: drifted if any drifted, verified if
 * every one was found as claimed, otherwise not checked on that run.
 */
export function claimState(observations: Observations | undefined, ids: readonly ClaimId[]): ClaimState {
  if (observations === undefined) return { state: "unchecked" };
  const observedAt = new Date(observations.observedAt);
  const statuses = ids.map((id) => observations.claims.find((claim) => claim.id === id)?.status);
  if (statuses.includes("drift")) return { state: "drifted", observedAt };
  if (statuses.every((status) => status === "ok")) return { state: "verified", observedAt };
  return { state: "not-checked-this-time", observedAt };
}

/** Where the privacy page explains how the claims are checked; every status links there. */
export const VERIFICATION_EXPLAINED = "/privacy/#how-checked";
