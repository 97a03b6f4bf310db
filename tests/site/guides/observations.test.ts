import { rmSync } from "node:fs";
import { join } from "node:path";
import type { HTMLElement } from "node-html-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite, copyOfContent } from "../../../scripts/harness/build-site.ts";
import { writeObservations } from "../../../scripts/verify-server/observed-file.ts";
import { formatJstDate, formatJstDateTime, toJstIsoString } from "../../../src/lib/dates/jst.ts";
import { loadServerFacts } from "../../../src/lib/server-facts/load.ts";
import {
  CLAIM_IDS,
  type ClaimId,
  type ClaimStatus,
  type Observations,
  observationsFile,
  VERIFICATION_EXPLAINED,
} from "../../../src/lib/server-facts/observed-claims.ts";
import { page } from "../../support/site-files.ts";

const facts = loadServerFacts();
const DAY = 24 * 60 * 60 * 1000;
const observedAt = new Date("2027-03-20T10:30:00+09:00");
const notBefore = new Date("2027-03-01T00:00:00Z");
const notAfter = new Date(notBefore.getTime() + 64 * DAY);

// Everything as claimed, except the upload limit (drifted) and the contacts (not checked on that run).
const statuses: Partial<Record<ClaimId, ClaimStatus>> = {
  "upload-size": "drift",
  contacts: "skipped",
  "tls-fingerprint": "info",
};
const observations: Observations = {
  observedAt: toJstIsoString(observedAt),
  certificate: {
    host: facts.xmpp.domain,
    subject: `CN=${facts.xmpp.domain}`,
    // Quotes and an ampersand: the page must show them as text, not break on them.
    issuer: `C=US, O=${facts.tls.issuer} & "Test", CN=R12`,
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    sha256: Array.from({ length: 32 }, (_, index) => index.toString(16).padStart(2, "0").toUpperCase()).join(":"),
  },
  claims: CLAIM_IDS.map((id) => ({
    id,
    check: id,
    claim: `claimed ${id}`,
    observed: id === "upload-size" ? "1048576 bytes (1 MiB)" : `observed ${id}`,
    status: statuses[id] ?? "ok",
  })),
};

/** The privacy page and the TLS guide built from the real content plus `observed` (or without any). */
async function pagesWith(observed: Observations | undefined) {
  const contentDir = copyOfContent();
  // A fresh clone has no observation; the copy must not carry one from this checkout either.
  rmSync(join(contentDir, "observed"), { recursive: true, force: true });
  if (observed !== undefined) writeObservations(observationsFile(contentDir), observed);
  const outDir = await buildSite(contentDir);
  try {
    return { privacy: page(outDir, "/privacy/"), tls: page(outDir, "/guides/tls/") };
  } finally {
    rmSync(contentDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  }
}

const statusOf = (root: HTMLElement | undefined, claims: string) =>
  root?.querySelector(`[data-claim-status][data-claims="${claims}"]`);

describe("pages built with observations from verify-server", () => {
  let privacy: HTMLElement;
  let tls: HTMLElement;
  beforeAll(async () => {
    ({ privacy, tls } = await pagesWith(observations));
  });

  it("mark a verified stored-data item 確認済み with the observation date, linked to how it is checked", () => {
    const mam = statusOf(privacy.querySelector('[data-stored="mam"]') ?? undefined, "mam");
    expect(mam?.getAttribute("data-claim-status")).toBe("verified");
    expect(mam?.text).toContain("確認済み");
    expect(mam?.querySelector("time")?.getAttribute("datetime")).toBe(toJstIsoString(observedAt));
    expect(mam?.text).toContain(formatJstDate(observedAt));
    expect(mam?.getAttribute("href")).toBe(VERIFICATION_EXPLAINED);
    expect(privacy.querySelector(`#${VERIFICATION_EXPLAINED.split("#")[1]}`)).not.toBeNull();
  });

  it("show a drifted claim as drifted, with what the server showed, never as verified", () => {
    const upload = statusOf(privacy.querySelector('[data-stored="upload"]') ?? undefined, "upload-service upload-size");
    expect(upload?.getAttribute("data-claim-status")).toBe("drifted");
    expect(upload?.text).toContain("食い違っています");
    expect(upload?.text).toContain("1048576 bytes (1 MiB)");
    expect(upload?.text).not.toContain("確認済み");
    const summary = privacy.querySelector('[data-last-observation="present"]');
    expect(summary?.text).toContain(formatJstDateTime(observedAt));
    expect(summary?.text).toContain("1 項目");
  });

  it("do not call a claim verified that the run skipped", () => {
    const contacts = statusOf(privacy, "contacts");
    expect(contacts?.getAttribute("data-claim-status")).toBe("not-checked-this-time");
    expect(contacts?.text).not.toContain("確認済み");
  });

  it("show the live certificate's issuer, validity and fingerprint in the TLS guide, verified", () => {
    const shown = tls.querySelector('[data-observed-tls="present"]');
    expect(shown?.querySelector("[data-fingerprint]")?.text).toBe(observations.certificate.sha256);
    expect(shown?.querySelector("[data-issuer]")?.text).toBe(observations.certificate.issuer);
    const times = shown?.querySelectorAll("dd time").map((time) => time.getAttribute("datetime"));
    expect(times).toEqual([toJstIsoString(observedAt), toJstIsoString(notBefore), toJstIsoString(notAfter)]);
    expect(shown?.querySelector("[data-lifetime-days]")?.text).toBe("64");
    // Renewed before a quarter of 64 days is left: by 48 days after the start.
    const replacedBy = new Date(notAfter.getTime() - (64 * DAY) / 4);
    expect(shown?.querySelector("[data-replaced-by] time")?.getAttribute("datetime")).toBe(toJstIsoString(replacedBy));
    const status = statusOf(shown ?? undefined, "tls-issuer tls-name tls-chain tls-renewal");
    expect(status?.getAttribute("data-claim-status")).toBe("verified");
  });
});

describe("pages built before any observation (a fresh clone)", () => {
  let privacy: HTMLElement;
  let tls: HTMLElement;
  beforeAll(async () => {
    ({ privacy, tls } = await pagesWith(undefined));
  });

  it("say plainly that nothing was checked yet, on the privacy page", () => {
    expect(privacy.querySelector('[data-last-observation="none"]')?.text).toContain("まだ一度も照合していません");
    const marks = privacy.querySelectorAll("[data-claim-status]");
    expect(marks.length).toBeGreaterThanOrEqual(3);
    for (const mark of marks) {
      expect(mark.getAttribute("data-claim-status")).toBe("unchecked");
      expect(mark.text).not.toContain("確認済み");
    }
  });

  it("say plainly that no certificate was checked yet, in the TLS guide", () => {
    expect(tls.querySelector('[data-observed-tls="none"]')?.text).toContain("まだ確認していません");
    expect(tls.querySelector("[data-fingerprint]")).toBeNull();
  });
});
