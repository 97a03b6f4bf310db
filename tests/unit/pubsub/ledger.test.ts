import { describe, expect, it } from "vitest";
import { parseXmlDocument } from "../../../scripts/pubsub/feed-entries.ts";
import { ledgerElement, ledgerNamespace, parseLedgerElement } from "../../../scripts/pubsub/ledger.ts";

const TARGET = { service: "pubsub.step.im", node: "/home/step.im/admin/wp/posts" };

describe("the ledger stored in private XML storage", () => {
  it("has one storage slot per service and node", () => {
    expect(ledgerNamespace(TARGET)).toBe(
      "urn:step-im:pubsub-ledger:1:pubsub.step.im:%2Fhome%2Fstep.im%2Fadmin%2Fwp%2Fposts",
    );
    expect(ledgerNamespace({ ...TARGET, node: "news" })).not.toBe(ledgerNamespace(TARGET));
    expect(ledgerNamespace({ ...TARGET, service: "pubsub.example.org" })).not.toBe(ledgerNamespace(TARGET));
  });

  it("round-trips through its XML form, sorted, with its source, sent times and pending marks", () => {
    const ledger = {
      records: new Map([
        ["b-item", { updated: new Date("2026-12-02T00:00:00Z"), pending: true }],
        [
          "a-item",
          { updated: new Date("2026-12-01T00:00:00Z"), pending: false, sent: new Date("2026-12-01T01:00:00Z") },
        ],
      ]),
      source: { commit: "0123456789abcdef0123456789abcdef01234567", committed: new Date("2026-12-01T00:30:00Z") },
    };
    const xml = ledgerElement(TARGET, ledger).toString();
    expect(xml).toBe(
      `<ledger xmlns="${ledgerNamespace(TARGET)}" service="pubsub.step.im" node="/home/step.im/admin/wp/posts">` +
        `<source commit="0123456789abcdef0123456789abcdef01234567" committed="2026-12-01T00:30:00.000Z"/>` +
        `<item id="a-item" updated="2026-12-01T00:00:00.000Z" sent="2026-12-01T01:00:00.000Z"/>` +
        `<item id="b-item" updated="2026-12-02T00:00:00.000Z" pending="true"/></ledger>`,
    );
    expect(parseLedgerElement(parseXmlDocument(xml, "stored"), TARGET)).toEqual(ledger);
  });

  it("reads a ledger written before sources and sent times were kept", () => {
    const stored = parseXmlDocument(
      `<ledger xmlns="x"><item id="a" updated="2026-12-01T00:00:00.000Z"/></ledger>`,
      "s",
    );
    expect(parseLedgerElement(stored, TARGET)).toEqual({
      records: new Map([["a", { updated: new Date("2026-12-01T00:00:00Z"), pending: false }]]),
      source: undefined,
    });
  });

  it("reads an empty or absent element as an empty ledger", () => {
    expect(parseLedgerElement(undefined, TARGET).records.size).toBe(0);
    expect(parseLedgerElement(parseXmlDocument(`<ledger xmlns="x"/>`, "stored"), TARGET).records.size).toBe(0);
  });

  it("refuses a damaged ledger instead of treating it as empty", () => {
    const damaged = parseXmlDocument(`<ledger xmlns="x"><item id="a" updated="yesterday"/></ledger>`, "stored");
    expect(() => parseLedgerElement(damaged, TARGET)).toThrow(
      /ledger for \/home\/step.im\/admin\/wp\/posts on pubsub.step.im is damaged/,
    );
    const badSource = parseXmlDocument(`<ledger xmlns="x"><source commit="abc" committed="soon"/></ledger>`, "s");
    expect(() => parseLedgerElement(badSource, TARGET)).toThrow(/is damaged .*source/);
  });
});
