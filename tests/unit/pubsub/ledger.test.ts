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

  it("round-trips through its XML form, sorted, marking only pending records", () => {
    const ledger = new Map([
      ["b-item", { updated: new Date("2026-12-02T00:00:00Z"), pending: true }],
      ["a-item", { updated: new Date("2026-12-01T00:00:00Z"), pending: false }],
    ]);
    const xml = ledgerElement(TARGET, ledger).toString();
    expect(xml).toBe(
      `<ledger xmlns="${ledgerNamespace(TARGET)}" service="pubsub.step.im" node="/home/step.im/admin/wp/posts">` +
        `<item id="a-item" updated="2026-12-01T00:00:00.000Z"/>` +
        `<item id="b-item" updated="2026-12-02T00:00:00.000Z" pending="true"/></ledger>`,
    );
    expect(parseLedgerElement(parseXmlDocument(xml, "stored"), TARGET)).toEqual(ledger);
  });

  it("reads an empty or absent element as an empty ledger", () => {
    expect(parseLedgerElement(undefined, TARGET).size).toBe(0);
    expect(parseLedgerElement(parseXmlDocument(`<ledger xmlns="x"/>`, "stored"), TARGET).size).toBe(0);
  });

  it("refuses a damaged ledger instead of treating it as empty", () => {
    const damaged = parseXmlDocument(`<ledger xmlns="x"><item id="a" updated="yesterday"/></ledger>`, "stored");
    expect(() => parseLedgerElement(damaged, TARGET)).toThrow(
      /ledger for \/home\/step.im\/admin\/wp\/posts on pubsub.step.im is damaged/,
    );
  });
});
