import { describe, expect, it } from "vitest";
import {
  compareWithFacts,
  HTTP_UPLOAD,
  MAM,
  SERVER_INFO,
  type ServerSnapshot,
} from "../../../scripts/verify-server/claims.ts";
import type { DiscoAnswer, DiscoInfo } from "../../../scripts/verify-server/disco.ts";
import { formatTable, hasDrift } from "../../../scripts/verify-server/report.ts";
import { loadServerFacts } from "../../../src/lib/server-facts/load.ts";
import { CLAIM_IDS, type ObservedCertificate } from "../../../src/lib/server-facts/observed-claims.ts";

const facts = loadServerFacts();
const now = new Date("2026-12-10T00:00:00Z");
const DAY = 24 * 60 * 60 * 1000;

function info(identity: string, features: string[] = [], forms: [string, Record<string, string[]>][] = []): DiscoInfo {
  const [category = "", type = ""] = identity.split("/");
  return {
    identities: [{ category, type }],
    features,
    forms: new Map(
      forms.map(([formType, fields]) => [formType, new Map(Object.entries({ FORM_TYPE: [formType], ...fields }))]),
    ),
  };
}

const certificate: ObservedCertificate = {
  host: facts.xmpp.domain,
  subject: `CN=${facts.xmpp.domain}`,
  issuer: `C=US, O=${facts.tls.issuer}, CN=R11`,
  notBefore: new Date(now.getTime() - 20 * DAY).toISOString(),
  notAfter: new Date(now.getTime() + 70 * DAY).toISOString(),
  sha256: Array.from({ length: 32 }, () => "AB").join(":"),
};

/** What a server that matches server.yaml shows. */
function matchingSnapshot(): ServerSnapshot {
  const answer = (value: DiscoInfo): DiscoAnswer => ({ info: value });
  return {
    domainInfo: answer(
      info(
        "server/im",
        [MAM],
        [[SERVER_INFO, { "admin-addresses": [`mailto:${facts.site.contactEmail}`, `xmpp:${facts.site.contactXmpp}`] }]],
      ),
    ),
    uploadServices: [
      {
        jid: `upload.${facts.xmpp.domain}`,
        info: info(
          "store/file",
          [HTTP_UPLOAD],
          [[HTTP_UPLOAD, { "max-file-size": [String(facts.storedData.httpFileUpload.maxFileSizeMiB * 1024 * 1024)] }]],
        ),
      },
    ],
    muc: answer(info("conference/text")),
    publicRoom: answer(info("conference/text")),
    pubsub: answer(info("pubsub/service")),
    newsNode: answer(info("pubsub/leaf")),
    ircGateway: answer(info("conference/irc")),
    presented: { certificate },
  };
}

const statusOf = (snapshot: ServerSnapshot, check: string) =>
  compareWithFacts(facts, snapshot, now).find((row) => row.check.startsWith(check))?.status;

describe("compareWithFacts", () => {
  it("finds no drift when the server shows what server.yaml says", () => {
    const rows = compareWithFacts(facts, matchingSnapshot(), now);
    expect(rows.filter((row) => row.status !== "ok" && row.status !== "info")).toEqual([]);
    expect(hasDrift(rows)).toBe(false);
  });

  it("reports a different max-file-size as drift", () => {
    const snapshot = matchingSnapshot();
    snapshot.uploadServices[0]?.info.forms.get(HTTP_UPLOAD)?.set("max-file-size", ["1048576"]);
    expect(statusOf(snapshot, "HTTP File Upload max-file-size")).toBe("drift");
  });

  it("reports a contact address missing from server.yaml, or from the server, as drift", () => {
    const extra = matchingSnapshot();
    extra.domainInfo = {
      info: info("server/im", [MAM], [[SERVER_INFO, { "abuse-addresses": ["mailto:abuse@example.org"] }]]),
    };
    expect(statusOf(extra, "contact addresses")).toBe("drift");
  });

  it("reports a missing node or service as drift, with the server's error", () => {
    const snapshot = matchingSnapshot();
    snapshot.newsNode = { error: "item-not-found" };
    const row = compareWithFacts(facts, snapshot, now).find((candidate) => candidate.check === "news node");
    expect(row).toMatchObject({ status: "drift", observed: "error: item-not-found" });
  });

  it("skips MAM when only the domain was asked and it lists MAM on accounts, and checks the account when logged in", () => {
    const snapshot = matchingSnapshot();
    snapshot.domainInfo = { info: info("server/im", [], []) };
    expect(statusOf(snapshot, "MAM")).toBe("skipped");
    snapshot.accountInfo = { jid: `someone@${facts.xmpp.domain}`, answer: { info: info("account/registered", [MAM]) } };
    expect(statusOf(snapshot, "MAM")).toBe("ok");
    snapshot.accountInfo = { jid: `someone@${facts.xmpp.domain}`, answer: { info: info("account/registered", []) } };
    expect(statusOf(snapshot, "MAM")).toBe("drift");
  });

  it("reports a certificate from another issuer as drift", () => {
    const snapshot = matchingSnapshot();
    snapshot.presented = { certificate: { ...certificate, issuer: "CN=Some Other CA" } };
    expect(statusOf(snapshot, "TLS certificate issuer")).toBe("drift");
  });

  it("reports a certificate for another name, or whose chain does not verify, as drift", () => {
    const snapshot = matchingSnapshot();
    snapshot.presented = { certificate, nameError: "Host: step.im. is not in the cert's altnames: DNS:example.org" };
    expect(statusOf(snapshot, "TLS certificate name")).toBe("drift");
    expect(statusOf(snapshot, "TLS certificate chain")).toBe("ok");
    snapshot.presented = { certificate, chainError: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" };
    expect(statusOf(snapshot, "TLS certificate chain")).toBe("drift");
    expect(statusOf(snapshot, "TLS certificate name")).toBe("ok");
  });

  /** A certificate of `lifetimeDays` with `daysLeft` left at `now`. */
  const aged = (lifetimeDays: number, daysLeft: number): ServerSnapshot["presented"] => ({
    certificate: {
      ...certificate,
      notBefore: new Date(now.getTime() - (lifetimeDays - daysLeft) * DAY).toISOString(),
      notAfter: new Date(now.getTime() + daysLeft * DAY).toISOString(),
    },
  });

  // server.yaml promises renewal before a quarter of the lifetime is left: 22.5, 16 and 11.25 days.
  it.each([
    [90, 23, "ok"],
    [90, 22, "drift"],
    [64, 16.5, "ok"],
    [64, 15.5, "drift"],
    [45, 12, "ok"],
    [45, 5, "drift"],
    [45, 0.5, "drift"],
    [45, -1, "drift"],
  ])("judges a %i-day certificate with %f days left as %s", (lifetime, left, status) => {
    expect(facts.tls.renewal.before).toEqual({ lifetimeShare: "1/4" });
    const snapshot = matchingSnapshot();
    snapshot.presented = aged(lifetime, left);
    expect(statusOf(snapshot, "TLS certificate renewal")).toBe(status);
  });

  it("measures a promise in days against the days left, whatever the lifetime", () => {
    const inDays = { ...facts, tls: { ...facts.tls, renewal: { ...facts.tls.renewal, before: { days: 10 } } } };
    const snapshot = { ...matchingSnapshot(), presented: aged(45, 11) };
    const renewalStatus = (value: ServerSnapshot) =>
      compareWithFacts(inDays, value, now).find((row) => row.id === "tls-renewal")?.status;
    expect(renewalStatus(snapshot)).toBe("ok");
    expect(renewalStatus({ ...snapshot, presented: aged(90, 9) })).toBe("drift");
  });

  it("reports a certificate that is not valid yet as drift", () => {
    const snapshot = matchingSnapshot();
    snapshot.presented = aged(90, 91);
    expect(statusOf(snapshot, "TLS certificate renewal")).toBe("drift");
  });

  it("says the same on consecutive days about the same server, broken promise included, so the daily record is stable", () => {
    const tomorrow = new Date(now.getTime() + DAY);
    expect(compareWithFacts(facts, matchingSnapshot(), tomorrow)).toEqual(
      compareWithFacts(facts, matchingSnapshot(), now),
    );
    const late = { ...matchingSnapshot(), presented: aged(45, 5) };
    const rowsLate = compareWithFacts(facts, late, now);
    expect(rowsLate.find((row) => row.id === "tls-renewal")?.status).toBe("drift");
    expect(compareWithFacts(facts, late, tomorrow)).toEqual(rowsLate);
  });

  it("gives every row a distinct claim id, the keys the pages look statuses up by", () => {
    const ids = compareWithFacts(facts, matchingSnapshot(), now).map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...CLAIM_IDS].sort());
  });

  it("prints an aligned table, Japanese text included", () => {
    const table = formatTable([
      {
        id: "public-room",
        check: "public room",
        claim: "なんでも談話室@muc",
        observed: "first-observed",
        status: "ok",
      },
      { id: "muc", check: "x", claim: "ascii", observed: "second-observed", status: "drift" },
    ]).split("\n");
    expect(table[0]).toMatch(/^check\s+claim \(server\.yaml\)\s+observed\s+status$/);
    // Terminal columns before `text`: the kana and kanji take two each.
    const columnOf = (line: string, text: string) =>
      [...line.slice(0, line.indexOf(text))].reduce((width, char) => width + (char.charCodeAt(0) >= 0x2e80 ? 2 : 1), 0);
    expect(columnOf(table[2] ?? "", "first-observed")).toBe(columnOf(table[3] ?? "", "second-observed"));
    expect(columnOf(table[2] ?? "", "first-observed")).toBe(columnOf(table[0] ?? "", "observed"));
  });
});
