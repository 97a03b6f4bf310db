import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { factText } from "../../src/lib/server-facts/fact-path.ts";
import { loadServerFacts, serverFactsFile } from "../../src/lib/server-facts/load.ts";
import { ContentError } from "../../src/lib/validation/content-error.ts";

const realYaml = readFileSync(serverFactsFile(), "utf8");

function loadVariant(yaml: string) {
  const file = join(mkdtempSync(join(tmpdir(), "step-facts-")), "server.yaml");
  writeFileSync(file, yaml);
  return () => loadServerFacts(file);
}

describe("content/server.yaml", () => {
  it("is valid and states the migrated facts", () => {
    const facts = loadServerFacts();
    expect(facts.xmpp.domain).toBe("step.im");
    expect(facts.xmpp.pubsub.service).toBe("pubsub.step.im");
    expect(facts.xmpp.pubsub.newsNode).toBe("/home/step.im/admin/wp/posts");
    expect(facts.xmpp.ircGateway.host).toBe("ircb.step.im");
    expect(facts.storedData.offlineMessages.maxMessages).toBe(100);
    expect(facts.storedData.messageArchive.retentionDays).toEqual({ min: 20, max: 100 });
  });

  it("names the file, line and field of a bad value", () => {
    const load = loadVariant(realYaml.replace("maxMessages: 100", "maxMessages: lots"));
    try {
      load();
      throw new Error("accepted");
    } catch (error) {
      expect(error).toBeInstanceOf(ContentError);
      const [problem] = (error as ContentError).problems;
      expect(problem?.field).toBe("storedData.offlineMessages.maxMessages");
      expect(problem?.file).toContain("server.yaml");
      expect(realYaml.split("\n")[(problem?.line ?? 0) - 1]).toContain("maxMessages");
    }
  });

  it("refuses a retention range whose minimum exceeds its maximum", () => {
    const load = loadVariant(
      realYaml.replace(/(messageArchive:[\s\S]*?retentionDays: )\{ min: 20, max: 100 \}/, "$1{ min: 120, max: 100 }"),
    );
    expect(load).toThrow(/storedData\.messageArchive\.retentionDays/);
  });

  it("gives pages a fact by its dotted name, and refuses an unknown one", () => {
    const facts = loadServerFacts();
    expect(factText(facts, "xmpp.ircGateway.host")).toBe("ircb.step.im");
    expect(factText(facts, "xmpp.ircGateway.retired.0.retiredOn")).toBe("2018年8月10日");
    expect(() => factText(facts, "xmpp.nope")).toThrow(/xmpp\.nope/);
  });
});
