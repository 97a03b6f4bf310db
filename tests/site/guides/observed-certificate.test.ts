import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { buildSite, copyOfContent } from "../../../scripts/harness/build-site.ts";
import { PROJECT_ROOT } from "../../../scripts/lib/project-root.ts";
import { formatJstDateTime, toJstIsoString } from "../../../src/lib/dates/jst.ts";
import { loadServerFacts } from "../../../src/lib/server-facts/load.ts";
import type { ObservedTls } from "../../../src/lib/server-facts/observed-tls.ts";
import { previousRenewal } from "../../../src/lib/tls/renewal-schedule.ts";
import { page } from "../../support/site-files.ts";

const facts = loadServerFacts();
const DAY = 24 * 60 * 60 * 1000;
const lastRenewal = previousRenewal(facts.tls.renewal, new Date()).renewedAt;

function observation(observedAt: Date, seed: string): ObservedTls {
  const fingerprint = createHash("sha256").update(seed).digest("hex").toUpperCase().match(/../g)?.join(":") ?? "";
  return {
    observedAt: toJstIsoString(observedAt),
    host: facts.xmpp.domain,
    subject: `CN=${facts.xmpp.domain}`,
    // Quotes and an ampersand: the page must show them as text, not break on them.
    issuer: `C=US, O=${facts.tls.issuer} & "Test", CN=R11`,
    notBefore: new Date(lastRenewal.getTime() - DAY).toISOString(),
    notAfter: new Date(lastRenewal.getTime() + 89 * DAY).toISOString(),
    sha256: fingerprint,
  };
}

/** Builds the real content plus an observation file, as `npm run verify-server --write-observed` leaves it. */
async function tlsGuideWith(observed: ObservedTls) {
  const contentDir = copyOfContent();
  // Inside the project: Astro writes its prerender chunks to `./.astro/` for an outDir outside the
  // working directory, and parallel builds sharing that folder break each other.
  mkdirSync(join(PROJECT_ROOT, ".tmp"), { recursive: true });
  const outDir = mkdtempSync(join(PROJECT_ROOT, ".tmp", "step-guides-tls-"));
  try {
    mkdirSync(join(contentDir, "observed"), { recursive: true });
    writeFileSync(join(contentDir, "observed/tls-certificate.yaml"), stringify(observed));
    await buildSite(contentDir, outDir);
    return page(outDir, "/guides/tls/").querySelector("[data-observed-tls]");
  } finally {
    rmSync(contentDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  }
}

describe("the TLS guide with an observed certificate", () => {
  const stale = observation(new Date(lastRenewal.getTime() - 3 * DAY), "before");
  const fresh = observation(new Date(), "after");
  let staleShown: Awaited<ReturnType<typeof tlsGuideWith>>;
  let freshShown: Awaited<ReturnType<typeof tlsGuideWith>>;

  beforeAll(async () => {
    staleShown = await tlsGuideWith(stale);
    freshShown = await tlsGuideWith(fresh);
  });

  it("shows the fingerprint, host, subject, issuer, validity and when it was observed", () => {
    expect(staleShown?.getAttribute("data-observed-tls")).toBe("present");
    expect(staleShown?.querySelector("[data-fingerprint]")?.text).toBe(stale.sha256);
    const text = staleShown?.text ?? "";
    for (const value of [stale.host, stale.subject, stale.issuer]) expect(text).toContain(value);
    for (const instant of [stale.observedAt, stale.notBefore, stale.notAfter]) {
      expect(text).toContain(formatJstDateTime(new Date(instant)));
    }
    expect(text).not.toContain("まだ記録がありません");
  });

  it("warns when the record is older than the last scheduled renewal", () => {
    const note = staleShown?.querySelector('[data-observed-tls="before-last-renewal"]');
    expect(note?.querySelector("time")?.getAttribute("datetime")).toBe(toJstIsoString(lastRenewal));
  });

  it("does not warn about a record taken since the last renewal", () => {
    expect(freshShown?.querySelector("[data-fingerprint]")?.text).toBe(fresh.sha256);
    expect(freshShown?.querySelector('[data-observed-tls="before-last-renewal"]')).toBeNull();
  });
});
